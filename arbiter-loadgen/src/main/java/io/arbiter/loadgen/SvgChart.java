package io.arbiter.loadgen;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.function.DoubleFunction;

/**
 * Draws a line chart as inline SVG text (no scripts, no external resources), with optional log-scale axes. Used once
 * per chart by one thread; produces garbage (reporting only).
 */
final class SvgChart
{
    private static final int WIDTH = 860;
    private static final int HEIGHT = 360;
    private static final int LEFT = 80;
    private static final int RIGHT = 160;
    private static final int TOP = 36;
    private static final int BOTTOM = 50;

    private final String title;
    private final String xLabel;
    private final String yLabel;
    private final List<Series> series = new ArrayList<>();
    private boolean logY;
    private DoubleFunction<String> xTickLabel = SvgChart::number;
    private double[] xTicks;

    /**
     * One named line.
     */
    private record Series(String name, String color, double[] xs, double[] ys, boolean dashed)
    {
    }

    SvgChart(final String title, final String xLabel, final String yLabel)
    {
        this.title = title;
        this.xLabel = xLabel;
        this.yLabel = yLabel;
    }

    SvgChart logY()
    {
        this.logY = true;
        return this;
    }

    SvgChart xTicks(final double[] ticks, final DoubleFunction<String> label)
    {
        this.xTicks = ticks;
        this.xTickLabel = label;
        return this;
    }

    SvgChart line(final String name, final String color, final double[] xs, final double[] ys, final boolean dashed)
    {
        series.add(new Series(name, color, xs, ys, dashed));
        return this;
    }

    String render()
    {
        double minX = Double.MAX_VALUE;
        double maxX = -Double.MAX_VALUE;
        double minY = Double.MAX_VALUE;
        double maxY = -Double.MAX_VALUE;
        for (final Series s : series)
        {
            for (int i = 0; i < s.xs.length; i++)
            {
                if (logY && s.ys[i] <= 0)
                {
                    continue;
                }
                minX = Math.min(minX, s.xs[i]);
                maxX = Math.max(maxX, s.xs[i]);
                minY = Math.min(minY, s.ys[i]);
                maxY = Math.max(maxY, s.ys[i]);
            }
        }
        final StringBuilder out = new StringBuilder(8192);
        out.append(String.format(Locale.ROOT,
            "<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"%d\" height=\"%d\" viewBox=\"0 0 %d %d\" " +
                "font-family=\"sans-serif\" font-size=\"12\">%n", WIDTH, HEIGHT, WIDTH, HEIGHT));
        out.append(String.format(Locale.ROOT,
            "<text x=\"%d\" y=\"20\" font-size=\"15\" font-weight=\"bold\">%s</text>%n", LEFT, escape(title)));
        if (minX == Double.MAX_VALUE)
        {
            out.append(String.format(Locale.ROOT, "<text x=\"%d\" y=\"%d\">no data</text>%n</svg>%n", LEFT,
                HEIGHT / 2));
            return out.toString();
        }
        if (logY)
        {
            minY = Math.pow(10, Math.floor(Math.log10(minY)));
            maxY = Math.pow(10, Math.ceil(Math.log10(maxY * 1.0001)));
        }
        else
        {
            minY = Math.min(0, minY);
            maxY = maxY <= minY ? minY + 1 : maxY * 1.1;
        }
        if (maxX <= minX)
        {
            maxX = minX + 1;
        }
        axes(out, minX, maxX, minY, maxY);
        int legendY = TOP + 10;
        for (final Series s : series)
        {
            final StringBuilder points = new StringBuilder();
            for (int i = 0; i < s.xs.length; i++)
            {
                if (logY && s.ys[i] <= 0)
                {
                    continue;
                }
                points.append(String.format(Locale.ROOT, "%.1f,%.1f ", px(s.xs[i], minX, maxX),
                    py(s.ys[i], minY, maxY)));
            }
            out.append(String.format(Locale.ROOT,
                "<polyline fill=\"none\" stroke=\"%s\" stroke-width=\"1.8\"%s points=\"%s\"/>%n", s.color,
                s.dashed ? " stroke-dasharray=\"6,4\"" : "", points.toString().trim()));
            out.append(String.format(Locale.ROOT,
                "<line x1=\"%d\" y1=\"%d\" x2=\"%d\" y2=\"%d\" stroke=\"%s\" stroke-width=\"3\"/>" +
                    "<text x=\"%d\" y=\"%d\">%s</text>%n", WIDTH - RIGHT + 12, legendY, WIDTH - RIGHT + 32, legendY,
                s.color, WIDTH - RIGHT + 38, legendY + 4, escape(s.name)));
            legendY += 18;
        }
        out.append("</svg>\n");
        return out.toString();
    }

    private void axes(final StringBuilder out, final double minX, final double maxX, final double minY,
        final double maxY)
    {
        final int plotRight = WIDTH - RIGHT;
        final int plotBottom = HEIGHT - BOTTOM;
        out.append(String.format(Locale.ROOT,
            "<rect x=\"%d\" y=\"%d\" width=\"%d\" height=\"%d\" fill=\"#fafafa\" stroke=\"#999\"/>%n", LEFT, TOP,
            plotRight - LEFT, plotBottom - TOP));
        final List<Double> yTicks = new ArrayList<>();
        if (logY)
        {
            for (double v = minY; v <= maxY * 1.0001; v *= 10)
            {
                yTicks.add(v);
            }
        }
        else
        {
            for (int i = 0; i <= 5; i++)
            {
                yTicks.add(minY + (maxY - minY) * i / 5);
            }
        }
        for (final double v : yTicks)
        {
            final double y = py(v, minY, maxY);
            out.append(String.format(Locale.ROOT,
                "<line x1=\"%d\" y1=\"%.1f\" x2=\"%d\" y2=\"%.1f\" stroke=\"#ddd\"/>" +
                    "<text x=\"%d\" y=\"%.1f\" text-anchor=\"end\">%s</text>%n", LEFT, y, plotRight, y, LEFT - 6,
                y + 4, number(v)));
        }
        final double[] ticks = xTicks != null ? xTicks : linearTicks(minX, maxX);
        for (final double v : ticks)
        {
            if (v < minX - 1e-9 || v > maxX + 1e-9)
            {
                continue;
            }
            final double x = px(v, minX, maxX);
            out.append(String.format(Locale.ROOT,
                "<line x1=\"%.1f\" y1=\"%d\" x2=\"%.1f\" y2=\"%d\" stroke=\"#ddd\"/>" +
                    "<text x=\"%.1f\" y=\"%d\" text-anchor=\"middle\">%s</text>%n", x, TOP, x, plotBottom, x,
                plotBottom + 16, escape(xTickLabel.apply(v))));
        }
        out.append(String.format(Locale.ROOT, "<text x=\"%d\" y=\"%d\" text-anchor=\"middle\">%s</text>%n",
            (LEFT + plotRight) / 2, HEIGHT - 10, escape(xLabel)));
        out.append(String.format(Locale.ROOT,
            "<text x=\"16\" y=\"%d\" text-anchor=\"middle\" transform=\"rotate(-90 16 %d)\">%s</text>%n",
            (TOP + plotBottom) / 2, (TOP + plotBottom) / 2, escape(yLabel + (logY ? " (log scale)" : ""))));
    }

    private static double[] linearTicks(final double min, final double max)
    {
        final double[] ticks = new double[6];
        for (int i = 0; i < ticks.length; i++)
        {
            ticks[i] = min + (max - min) * i / 5;
        }
        return ticks;
    }

    private double px(final double x, final double minX, final double maxX)
    {
        return LEFT + (x - minX) / (maxX - minX) * (WIDTH - RIGHT - LEFT);
    }

    private double py(final double y, final double minY, final double maxY)
    {
        final double fraction = logY ?
            (Math.log10(y) - Math.log10(minY)) / (Math.log10(maxY) - Math.log10(minY)) :
            (y - minY) / (maxY - minY);
        return HEIGHT - BOTTOM - fraction * (HEIGHT - BOTTOM - TOP);
    }

    static String number(final double v)
    {
        if (v == Math.rint(v) && Math.abs(v) < 1e15)
        {
            return Long.toString((long)v);
        }
        return String.format(Locale.ROOT, Math.abs(v) < 10 ? "%.2f" : "%.1f", v);
    }

    static String escape(final String text)
    {
        return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;").replace("\"", "&quot;");
    }
}
