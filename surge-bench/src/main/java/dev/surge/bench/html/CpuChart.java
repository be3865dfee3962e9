package dev.surge.bench.html;

import java.util.List;
import java.util.Locale;

/**
 * Horizontal bars of CPU µs per request, one per server, for one mode: the median of the
 * rounds, a whisker from the lowest to the highest round, and each round as a dot. Keep-alive
 * and pipelined get a chart each, since their scales differ tenfold.
 */
final class CpuChart {
    private static final double WIDTH = 560;
    private static final double LEFT = 110;
    private static final double RIGHT = 96;
    private static final double TOP = 34;
    private static final double ROW = 28;
    private static final double BOTTOM = 34;

    private CpuChart() {
    }

    static String render(PeerRun run, String mode, String title) {
        List<String> servers = run.servers();
        double height = TOP + ROW * servers.size() + BOTTOM;
        double max = 0;
        for (String s : servers) {
            PeerRun.Result r = run.result(s, mode);
            if (r != null) {
                max = Math.max(max, Math.max(r.cpu().orElse(0), r.cpuMax().orElse(0)));
                for (double v : r.cpuSamples()) {
                    max = Math.max(max, v);
                }
            }
        }
        double step = Svg.step(max > 0 ? max : 1, 5);
        double top = Math.ceil((max > 0 ? max : 1) / step) * step;
        double plot = WIDTH - LEFT - RIGHT;
        Svg svg = new Svg(WIDTH, height, title);
        svg.text(LEFT, 20, title, "start", Svg.INK, "font-weight=\"600\"");
        double axisY = TOP + ROW * servers.size();
        for (double t = 0; t <= top + step / 2; t += step) {
            double x = LEFT + plot * t / top;
            svg.line(x, TOP - 4, x, axisY, Svg.GRID, 1);
            svg.text(x, axisY + 16, Svg.tick(t), "middle", Svg.INK, "");
        }
        svg.text(LEFT + plot / 2, axisY + 30, "CPU µs per request (median; whisker: lowest–highest round)", "middle", Svg.INK, "");
        for (int i = 0; i < servers.size(); i++) {
            String server = servers.get(i);
            double y = TOP + ROW * i;
            double mid = y + ROW / 2;
            svg.text(LEFT - 8, mid + 4, server, "end", Svg.INK, "");
            PeerRun.Result r = run.result(server, mode);
            if (r == null || r.cpu().isEmpty()) {
                svg.text(LEFT + 4, mid + 4, r == null ? "not run" : "failed: " + r.status(), "start", "#c00", "");
                continue;
            }
            double cpu = r.cpu().getAsDouble();
            String tip = String.format(Locale.ROOT, "%s %s: %.3f µs/request, median of %d round(s)", server,
                    Svg.mode(mode), cpu, r.roundsOk());
            svg.rect(LEFT, y + 5, plot * cpu / top, ROW - 10, Svg.color(mode), "bar", tip);
            double right = LEFT + plot * cpu / top;
            if (r.cpuMin().isPresent() && r.cpuMax().isPresent() && r.roundsOk() > 1) {
                double lo = LEFT + plot * r.cpuMin().getAsDouble() / top;
                double hi = LEFT + plot * r.cpuMax().getAsDouble() / top;
                svg.line(lo, mid, hi, mid, Svg.INK, 1.5).line(lo, mid - 5, lo, mid + 5, Svg.INK, 1.5)
                        .line(hi, mid - 5, hi, mid + 5, Svg.INK, 1.5);
                right = Math.max(right, hi);
            }
            for (double v : r.cpuSamples()) {
                svg.circle(LEFT + plot * v / top, mid, 2.5, "#000", 0.55, String.format(Locale.ROOT, "a round: %.3f", v));
            }
            svg.text(right + 6, mid + 4, String.format(Locale.ROOT, "%.2f", cpu), "start", Svg.INK, "");
        }
        return svg.end();
    }
}
