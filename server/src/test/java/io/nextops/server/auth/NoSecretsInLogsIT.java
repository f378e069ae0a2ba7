package io.nextops.server.auth;

import static io.nextops.server.auth.AuthHttp.createUser;
import static io.nextops.server.auth.AuthHttp.json;
import static io.nextops.server.auth.AuthHttp.login;
import static io.nextops.server.auth.AuthHttp.refresh;
import static org.assertj.core.api.Assertions.assertThat;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.classic.spi.IThrowableProxy;
import ch.qos.logback.classic.spi.StackTraceElementProxy;
import ch.qos.logback.core.read.ListAppender;
import com.fasterxml.jackson.databind.JsonNode;
import io.nextops.web.Role;
import io.nextops.server.TestServer;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.slf4j.LoggerFactory;

/**
 * Runs every authentication path (good and bad logins, refresh, reuse, bad tokens, the rate limit, the first-start
 * admin) with our loggers at DEBUG and the access log on, and checks that no log event and no error answer holds a
 * password, a token or the signing key.
 */
class NoSecretsInLogsIT {

    @Test
    void noLogLineOrErrorAnswerContainsAPasswordOrAToken() throws Exception {
        Logger root = (Logger) LoggerFactory.getLogger(org.slf4j.Logger.ROOT_LOGGER_NAME);
        Logger ours = (Logger) LoggerFactory.getLogger("io.nextops");
        Logger access = (Logger) LoggerFactory.getLogger("io.nextops.access");
        Level rootLevel = root.getLevel();
        Level oursLevel = ours.getLevel();
        Level accessLevel = access.getLevel();
        ListAppender<ILoggingEvent> appender = new ListAppender<>();
        appender.start();
        root.addAppender(appender);
        root.setLevel(Level.INFO);
        ours.setLevel(Level.DEBUG);
        access.setLevel(Level.INFO);

        List<String> secrets = new ArrayList<>(List.of(TestServer.JWT_SECRET, "right-password-42", "wrong-password-42"));
        List<HttpResponse<String>> errorAnswers = new ArrayList<>();
        List<HttpResponse<String>> allAnswers = new ArrayList<>();
        try (TestServer server = TestServer.start(Map.of("ACCESS_LOG", "true", "LOGIN_MAX_FAILURES_PER_USERNAME", "2"),
                CallerEchoServlet.routes())) {
            ByteArrayOutputStream console = new ByteArrayOutputStream();
            Authentication.ensureAdmin(server.config().auth(), AuthHttp.jdbi(server), null,
                    new PrintStream(console, true, StandardCharsets.UTF_8));
            String generated = console.toString(StandardCharsets.UTF_8).lines().map(String::strip)
                    .filter(l -> l.matches("\\S{20}")).findFirst().orElseThrow();
            secrets.add(generated);

            createUser(server, "leak-check", Role.FINANZAS, "right-password-42");
            HttpResponse<String> ok = login(server, "leak-check", "right-password-42");
            JsonNode pair = json(ok);
            String access1 = pair.get("access").asText();
            String refresh1 = pair.get("refresh").asText();
            HttpResponse<String> rotated = refresh(server, refresh1);
            String access2 = json(rotated).get("access").asText();
            String refresh2 = json(rotated).get("refresh").asText();
            secrets.addAll(List.of(access1, refresh1, access2, refresh2));
            for (String s : List.of(access1, refresh1, access2, refresh2)) {
                secrets.add(s.substring(s.lastIndexOf('.') + 1)); // the signature alone
            }

            allAnswers.add(ok);
            allAnswers.add(rotated);
            allAnswers.add(AuthHttp.get(server, CallerEchoServlet.PATH, "Bearer " + access2));
            allAnswers.add(login(server, "admin", generated));
            errorAnswers.add(refresh(server, refresh1));                                         // reused
            errorAnswers.add(AuthHttp.get(server, CallerEchoServlet.PATH, "Bearer " + refresh2)); // refresh as access
            errorAnswers.add(AuthHttp.get(server, CallerEchoServlet.PATH, "Bearer " + access1 + "x"));
            errorAnswers.add(AuthHttp.get(server, CallerEchoServlet.PATH, "Bearer " + access1 + " " + access2));
            errorAnswers.add(AuthHttp.postJson(server, "/api/token/refresh/", "{\"refresh\":\"" + access2 + "\"}"));
            errorAnswers.add(login(server, "leak-check", "wrong-password-42"));
            errorAnswers.add(login(server, "no-such-user", "wrong-password-42"));
            errorAnswers.add(login(server, "leak-check", "wrong-password-42"));
            errorAnswers.add(login(server, "leak-check", "right-password-42"));                  // 429
            errorAnswers.add(AuthHttp.postJson(server, "/api/token/", "{\"username\":\"leak-check\",\"password\":"));
            allAnswers.addAll(errorAnswers);
        } finally {
            root.detachAppender(appender);
            root.setLevel(rootLevel);
            ours.setLevel(oursLevel);
            access.setLevel(accessLevel);
        }

        assertThat(errorAnswers).extracting(HttpResponse::statusCode).contains(401, 429, 400);
        assertThat(appender.list).as("the scenario logged something (failed logins at least)").isNotEmpty();
        for (ILoggingEvent event : appender.list) {
            String text = render(event);
            for (String secret : secrets) {
                assertThat(text).as("log event of %s", event.getLoggerName()).doesNotContain(secret);
            }
        }
        for (HttpResponse<String> r : allAnswers) {
            for (String password : List.of("right-password-42", "wrong-password-42", TestServer.JWT_SECRET)) {
                assertThat(r.body()).doesNotContain(password);
            }
        }
        for (HttpResponse<String> r : errorAnswers) {
            for (String secret : secrets) {
                assertThat(r.body() + r.headers().map()).as("error answer %s", r.statusCode()).doesNotContain(secret);
            }
        }
    }

    private static String render(ILoggingEvent event) {
        StringBuilder sb = new StringBuilder(event.getFormattedMessage());
        sb.append(' ').append(event.getMessage());
        if (event.getArgumentArray() != null) {
            sb.append(' ').append(Arrays.deepToString(event.getArgumentArray()));
        }
        sb.append(' ').append(event.getMDCPropertyMap());
        for (IThrowableProxy t = event.getThrowableProxy(); t != null; t = t.getCause()) {
            sb.append(' ').append(t.getClassName()).append(": ").append(t.getMessage());
            for (StackTraceElementProxy frame : t.getStackTraceElementProxyArray()) {
                sb.append(' ').append(frame.getSTEAsString());
            }
        }
        return sb.toString();
    }
}
