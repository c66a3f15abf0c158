package dev.vinfer.cli.bench;

import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;

class SvgChartTest {

    @Test
    void axisStepsAreOneTwoOrFiveTimesAPowerOfTen() {
        assertEquals(1, SvgChart.niceStep(0.7), 1e-12);
        assertEquals(2, SvgChart.niceStep(1.3), 1e-12);
        assertEquals(5, SvgChart.niceStep(4.2), 1e-12);
        assertEquals(10, SvgChart.niceStep(7), 1e-12);
        assertEquals(0.05, SvgChart.niceStep(0.031), 1e-12);
        assertEquals(1, SvgChart.niceStep(0), 1e-12);
    }

    @Test
    void textIsEscaped() {
        assertEquals("a &lt;b&gt; &amp; &quot;c&quot; &#39;d&#39;", SvgChart.escape("a <b> & \"c\" 'd'"));
    }
}
