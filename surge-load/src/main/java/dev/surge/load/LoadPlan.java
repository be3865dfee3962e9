package dev.surge.load;

import dev.surge.client.ClientRequest;
import dev.surge.client.Target;

/**
 * What every event loop needs to know about the run, worked out once from the options.
 *
 * @param target where to connect
 * @param request the encoded request, sent as is every time
 * @param depth requests in flight per connection (1, or --pipeline)
 * @param rate requests per second over all connections; 0 for a closed loop
 * @param connections the number of lanes (-c)
 * @param timeoutNanos --timeout
 * @param head whether the requests are HEAD (their responses have no body)
 */
record LoadPlan(Target target, byte[] request, int depth, double rate, int connections, long timeoutNanos, boolean head) {

    boolean openLoop() {
        return rate > 0;
    }

    static LoadPlan of(LoadOptions o) {
        ClientRequest r = o.request();
        return new LoadPlan(Target.of(r.uri()), dev.surge.client.wire.RequestEncoder.encode(r), o.pipeline(), o.rate(),
                o.connections(), o.timeout().toNanos(), r.method().equals("HEAD"));
    }
}
