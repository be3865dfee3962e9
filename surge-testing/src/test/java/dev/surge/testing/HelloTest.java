package dev.surge.testing;

import dev.surge.http.Method;
import dev.surge.web.App;
import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;

/** The example of docs/testing.md's "Testing your routes", verbatim, so that it stays true. */
@SurgeTest                       // or @SurgeTest(inMemory = true): the same routes, no socket
class HelloTest {

    @SetUpRoutes
    static void routes(App app) {
        app.get("/hello/{name}", ctx -> ctx.text("Hello, " + ctx.pathParam("name") + "!"))
                .post("/users", ctx -> ctx.status(201).json(ctx.bodyAs(User.class)));
    }

    @Test
    void greets(TestClient client) {
        TestResponse response = client.get("/hello/Ada");
        assertEquals(200, response.status());
        assertEquals("Hello, Ada!", response.text());
    }

    @Test
    void createsUsers(TestClient client) {
        TestResponse response = client.request(Method.POST, "/users").json(new User(7, "Ada")).send();
        assertEquals(201, response.status());
        assertEquals(new User(7, "Ada"), response.json(User.class));
    }
}
