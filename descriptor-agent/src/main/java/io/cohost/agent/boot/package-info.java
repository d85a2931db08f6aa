/**
 * The only classes instrumented JDK code calls. They are copied onto the boot class path when the
 * agent starts and must stay free of any other Cohost class.
 */
package io.cohost.agent.boot;
