package io.nextops.memory;

/** An {@link RssProbe} whose RSS the test sets. */
final class FakeRssProbe implements RssProbe {
    private volatile long rssBytes;

    FakeRssProbe(long rssBytes) {
        this.rssBytes = rssBytes;
    }

    static FakeRssProbe mb(double mb) {
        return new FakeRssProbe(Math.round(mb * Units.BYTES_PER_MB));
    }

    void setRssBytes(long value) {
        rssBytes = value;
    }

    void setRssMb(double mb) {
        rssBytes = Math.round(mb * Units.BYTES_PER_MB);
    }

    @Override
    public Reading read() {
        return new Reading(rssBytes, rssBytes * 4);
    }
}
