package dev.kernelkit.parallel;

import dev.kernelkit.FilterOptions;
import dev.kernelkit.NdArray;
import java.util.function.Function;

/** A {@link BlockFilter} assembled from its reach (as a function of the options) and its operation. */
record FilterWithReach(Function<FilterOptions, Reach> reachOf, BlockFilter.Operation operation)
        implements BlockFilter {
    @Override
    public void apply(NdArray in, NdArray out, FilterOptions options) {
        operation.apply(in, out, options);
    }

    @Override
    public Reach reach(FilterOptions options) {
        return reachOf.apply(options);
    }
}
