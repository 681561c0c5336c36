package org.sparsitystudio.experiments.data;

/**
 * Keeps the Fashion-MNIST set a kind loaded last: a sweep loads the same set for every run, and
 * loading and normalising the full set takes about a second and a half.
 */
public final class LastLoaded {

    private DataSource source;
    private FashionMnist data;

    /** The set from {@code source}, loaded again only when the source changes. */
    public synchronized FashionMnist get(DataSource source) {
        if (!source.equals(this.source)) {
            data = FashionMnist.load(source);
            this.source = source;
        }
        return data;
    }
}
