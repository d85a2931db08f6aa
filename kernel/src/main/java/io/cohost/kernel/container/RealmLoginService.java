package io.cohost.kernel.container;

import io.cohost.kernel.config.LoginRealm;
import io.cohost.kernel.config.RealmUser;
import java.util.Map;
import org.eclipse.jetty.security.HashLoginService;
import org.eclipse.jetty.security.UserStore;
import org.eclipse.jetty.util.security.Credential;

/** A descriptor realm as Jetty's login service: users, their credentials (hashed or plain) and roles. */
final class RealmLoginService {
    private RealmLoginService() {}

    static HashLoginService of(LoginRealm realm) {
        UserStore users = new UserStore();
        for (Map.Entry<String, RealmUser> u : realm.users().entrySet()) {
            users.addUser(u.getKey(), Credential.getCredential(u.getValue().password()), u.getValue().roles().toArray(String[]::new));
        }
        HashLoginService service = new HashLoginService(realm.name());
        service.setUserStore(users);
        return service;
    }
}
