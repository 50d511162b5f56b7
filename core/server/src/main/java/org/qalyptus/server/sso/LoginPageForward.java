package org.qalyptus.server.sso;

import org.springframework.stereotype.Controller;
import org.springframework.web.bind.annotation.GetMapping;

/**
 * {@code /login} is the console's login page: the sign-in redirects end there, so the server answers it with the
 * console's page, whose router shows the login view.
 */
@Controller
class LoginPageForward {

    @GetMapping("/login")
    String loginPage() {
        return "forward:/index.html";
    }
}
