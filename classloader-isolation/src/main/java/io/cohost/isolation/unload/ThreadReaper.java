package io.cohost.isolation.unload;

import java.lang.reflect.Field;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.ForkJoinWorkerThread;
import java.util.concurrent.ThreadPoolExecutor;

/**
 * Ends the threads a tenant started itself, which an interrupt alone does not end: a
 * {@link java.util.Timer}'s thread ignores interrupts and an executor's idle worker goes back to
 * waiting. Timers are cancelled and executors shut down (found through the thread's task, as
 * Tomcat's {@code clearReferencesStopThreads} does); every thread is then interrupted.
 *
 * <p>Needs {@code --add-opens java.base/java.lang}, {@code java.base/java.util} and
 * {@code java.base/java.util.concurrent}; without them it can only interrupt.
 */
public final class ThreadReaper {
    private ThreadReaper() {}

    /** Asks each thread to end; returns nothing, the caller waits and reports what stays. */
    public static void reap(List<Thread> threads) {
        for (Thread t : threads) {
            if (t == Thread.currentThread() || isSharedJdkThread(t)) {
                continue;
            }
            if ("java.util.TimerThread".equals(t.getClass().getName())) {
                cancelTimer(t);
            } else {
                ExecutorService executor = executorOf(t);
                if (executor != null) {
                    executor.shutdownNow();
                }
            }
            t.interrupt();
        }
    }

    /** Threads of JVM-wide pools that a tenant's task merely ran on; they are not the tenant's to end. */
    public static boolean isSharedJdkThread(Thread t) {
        return t instanceof ForkJoinWorkerThread fj && fj.getPool() == java.util.concurrent.ForkJoinPool.commonPool();
    }

    private static void cancelTimer(Thread timerThread) {
        try {
            Field queueField = timerThread.getClass().getDeclaredField("queue");
            queueField.setAccessible(true);
            Object queue = queueField.get(timerThread);
            Field mayRun = timerThread.getClass().getDeclaredField("newTasksMayBeScheduled");
            mayRun.setAccessible(true);
            synchronized (queue) {
                mayRun.setBoolean(timerThread, false);
                var clear = queue.getClass().getDeclaredMethod("clear");
                clear.setAccessible(true);
                clear.invoke(queue);
                queue.notifyAll();
            }
        } catch (ReflectiveOperationException | RuntimeException e) {
            // without --add-opens java.base/java.util the timer thread is only interrupted
        }
    }

    /** The executor whose worker this thread is, if any. */
    static ExecutorService executorOf(Thread t) {
        Object task = taskOf(t);
        if (task == null) {
            return null;
        }
        if (task instanceof ThreadPoolExecutor tpe) {
            return tpe;
        }
        try {
            Field outer = task.getClass().getDeclaredField("this$0");
            outer.setAccessible(true);
            return outer.get(task) instanceof ExecutorService e ? e : null;
        } catch (ReflectiveOperationException | RuntimeException e) {
            return null;
        }
    }

    /** The Runnable a thread was created with: {@code Thread.target} on JDK 17, {@code Thread.holder.task} on 19+. */
    static Object taskOf(Thread t) {
        try {
            Field target = Thread.class.getDeclaredField("target");
            target.setAccessible(true);
            return target.get(t);
        } catch (NoSuchFieldException e) {
            try {
                Field holder = Thread.class.getDeclaredField("holder");
                holder.setAccessible(true);
                Object h = holder.get(t);
                if (h == null) {
                    return null;
                }
                Field task = h.getClass().getDeclaredField("task");
                task.setAccessible(true);
                return task.get(h);
            } catch (ReflectiveOperationException | RuntimeException ex) {
                return null;
            }
        } catch (ReflectiveOperationException | RuntimeException e) {
            return null;
        }
    }

    /** One line per thread that is still alive: its name and where it is stuck. */
    public static List<String> describeSurvivors(List<Thread> threads) {
        List<String> notes = new ArrayList<>();
        for (Thread t : threads) {
            if (t.isAlive() && !isSharedJdkThread(t) && t != Thread.currentThread()) {
                StackTraceElement[] stack = t.getStackTrace();
                notes.add("thread '" + t.getName() + "' (" + t.getState() + ") did not end"
                        + (stack.length > 0 ? ", at " + stack[0] : ""));
            }
        }
        return notes;
    }
}
