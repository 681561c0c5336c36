package org.sparsitystudio.experiments.training;

import java.nio.file.Path;
import java.util.Locale;
import java.util.function.BooleanSupplier;
import org.nd4j.linalg.api.buffer.DataType;
import org.sparsitystudio.experiments.data.Batches;
import org.sparsitystudio.experiments.data.DataSource;
import org.sparsitystudio.experiments.data.FashionMnist;
import org.sparsitystudio.kernels.backend.BackendInfo;
import org.sparsitystudio.kernels.backend.Threads;
import org.sparsitystudio.kernels.nn.Mlp;
import org.sparsitystudio.kernels.nn.Sequential;
import org.sparsitystudio.kernels.optim.Adam;
import org.sparsitystudio.kernels.optim.Schedule;

/**
 * One training of an MLP classifier on Fashion-MNIST by a {@link MlpRecipe}: data, model, masks,
 * Adam, and the epochs, reporting each epoch's result.
 */
public final class MlpTraining {

    /** Which Fashion-MNIST to use when no directory is given. */
    public enum DataChoice { AUTO, EMBEDDED }

    /** Receives each epoch's result and the number of training samples. */
    @FunctionalInterface
    public interface EpochListener {
        void onEpoch(EpochResult result, int trainSamples);
    }

    private final MlpRecipe recipe;
    private final FashionMnist data;
    private final Sequential model;
    private final ClassifierTrainer.StepListener stepListener;
    private final StepHook hook;

    private MlpTraining(MlpRecipe recipe, FashionMnist data) {
        this.recipe = recipe;
        this.data = data;
        this.stepListener = ClassifierTrainer.StepListener.NONE;
        // element-wise ops stay on one thread: on layers this small, splitting them costs more than it saves
        Threads.use(1, recipe.threads());
        this.model = Mlp.of(data.train().features(), recipe.hidden(), data.train().classes(), DataType.FLOAT,
                recipe.seed());
        this.hook = recipe.mask().install(Mlp.linearLayers(model), recipe.seed());
    }

    /** Loads the data and builds the model; {@code directory} overrides the data choice. */
    public static MlpTraining prepare(MlpRecipe recipe, DataChoice choice, Path directory) {
        FashionMnist data = FashionMnist.load(directory != null || choice == DataChoice.AUTO
                ? DataSource.resolve(directory) : DataSource.embeddedSubset());
        return new MlpTraining(recipe, data);
    }

    /** Uses already loaded data. */
    public static MlpTraining prepare(MlpRecipe recipe, FashionMnist data) {
        return new MlpTraining(recipe, data);
    }

    public FashionMnist data() {
        return data;
    }

    public Sequential model() {
        return model;
    }

    /** What will run, on what, for a person: data source, model, mask, backend. */
    public String describe() {
        long params = model.parameters().stream().mapToLong(p -> p.size()).sum();
        return String.format(Locale.ROOT, "data: %s%nmodel: MLP %d-%s-%d, %,d parameters, mask %s%nbackend: %s",
                data.origin().describe(), data.train().features(),
                java.util.Arrays.stream(recipe.hidden()).mapToObj(Integer::toString)
                        .collect(java.util.stream.Collectors.joining("-")),
                data.train().classes(), params, recipe.mask(), BackendInfo.current().summary());
    }

    /** A trainer for this model: Adam with the recipe's rate, the masks' step hook. */
    public ClassifierTrainer trainer(BooleanSupplier cancelled) {
        Adam adam = Adam.adam(model.parameters()).parallelism(recipe.threads());
        return new ClassifierTrainer(model, adam, Schedule.constant(recipe.learningRate()), hook, cancelled)
                .onStep(stepListener);
    }

    /** The training set, shuffled per epoch from the recipe's seed. */
    public Batches trainBatches() {
        return new Batches(data.train(), recipe.batchSize(), recipe.seed(), true, DataType.FLOAT);
    }

    /** The test set in file order, in batches of 1,000 for evaluation. */
    public Batches testBatches() {
        return new Batches(data.test(), 1000, 0, false, DataType.FLOAT);
    }

    /** Trains all epochs of the recipe; returns the trainer for its phase times. */
    public ClassifierTrainer run(EpochListener listener, BooleanSupplier cancelled) {
        ClassifierTrainer trainer = trainer(cancelled);
        Batches train = trainBatches();
        Batches test = testBatches();
        for (int epoch = 1; epoch <= recipe.epochs(); epoch++) {
            listener.onEpoch(trainer.trainEpoch(epoch, train, test), data.train().size());
        }
        return trainer;
    }
}
