package io.tickettriage.model;

import io.tickettriage.classify.FeaturizerSettings;
import io.tickettriage.classify.HeadSpec;
import io.tickettriage.classify.ModelDescriptor;
import io.tickettriage.classify.SparseFeatures;
import io.tickettriage.classify.TextFeaturizer;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.logging.Level;
import java.util.logging.Logger;
import org.tribuo.Example;
import org.tribuo.ImmutableFeatureMap;
import org.tribuo.ImmutableOutputInfo;
import org.tribuo.MutableDataset;
import org.tribuo.VariableIDInfo;
import org.tribuo.VariableInfo;
import org.tribuo.classification.Label;
import org.tribuo.classification.LabelFactory;
import org.tribuo.classification.sgd.linear.LinearSGDModel;
import org.tribuo.classification.sgd.linear.LinearSGDTrainer;
import org.tribuo.classification.sgd.objectives.LogMulticlass;
import org.tribuo.datasource.ListDataSource;
import org.tribuo.impl.ArrayExample;
import org.tribuo.math.la.DenseMatrix;
import org.tribuo.math.optimisers.AdaGrad;
import org.tribuo.provenance.SimpleDataSourceProvenance;

/**
 * Trains one multinomial logistic-regression head per label column over hashed n-gram features. The learning is
 * Tribuo's ({@link LinearSGDTrainer} with a log-softmax objective and AdaGrad); this class only feeds it our features
 * and copies the learned weights into the hashed space the ONNX graph uses.
 *
 * <p>Deterministic: same examples, settings and seed give the same weights, bit for bit.
 */
public final class LinearModelTrainer {

    private static final String FEATURE_PREFIX = "h";
    /**
     * Tribuo reports every training through java.util.logging at INFO, which neither the build nor the train command
     * should print. The reference is kept because java.util.logging holds its loggers only weakly.
     */
    private static final Logger TRIBUO_LOG = quiet(Logger.getLogger("org.tribuo"));

    /**
     * @param epochs       passes over the data
     * @param learningRate AdaGrad's initial rate
     * @param seed         shuffling seed
     */
    public record Settings(int epochs, double learningRate, long seed) {

        public static Settings defaults() {
            return new Settings(12, 0.5, 42L);
        }
    }

    private final FeaturizerSettings featurizerSettings;
    private final Settings settings;

    public LinearModelTrainer(FeaturizerSettings featurizerSettings, Settings settings) {
        this.featurizerSettings = featurizerSettings;
        this.settings = settings;
    }

    /**
     * @param name         model name for logs
     * @param textTemplate the template the example texts were rendered with, stored in the model
     * @param headNames    label columns to learn, one head each
     * @param provenance   free-form facts about the data, stored in the model for people
     */
    public TrainedModel train(String name, String textTemplate, List<String> headNames, List<LabelledText> examples,
                              Map<String, Object> provenance) {
        if (examples.isEmpty()) {
            throw new IllegalArgumentException("no training examples");
        }
        TextFeaturizer featurizer = new TextFeaturizer(featurizerSettings);
        List<SparseFeatures> features = examples.stream().map(e -> featurizer.featurize(e.text())).toList();
        List<HeadSpec> specs = new ArrayList<>();
        List<HeadWeights> weights = new ArrayList<>();
        for (String head : headNames) {
            List<String> labels = examples.stream().map(e -> e.label(head)).distinct().sorted().toList();
            specs.add(new HeadSpec(head, labels, head + "_probabilities"));
            weights.add(trainHead(head, labels, examples, features));
        }
        ModelDescriptor descriptor = new ModelDescriptor(ModelDescriptor.FORMAT, name, textTemplate,
                featurizerSettings, specs, provenance);
        return new TrainedModel(descriptor, weights);
    }

    private HeadWeights trainHead(String head, List<String> labels, List<LabelledText> examples,
                                  List<SparseFeatures> features) {
        LabelFactory factory = new LabelFactory();
        List<Example<Label>> rows = new ArrayList<>(examples.size());
        for (int i = 0; i < examples.size(); i++) {
            SparseFeatures f = features.get(i);
            String[] names = new String[f.size()];
            double[] values = new double[f.size()];
            for (int k = 0; k < f.size(); k++) {
                names[k] = FEATURE_PREFIX + f.ids()[k];
                values[k] = f.values()[k];
            }
            rows.add(new ArrayExample<>(new Label(examples.get(i).label(head)), names, values));
        }
        MutableDataset<Label> dataset = new MutableDataset<>(new ListDataSource<>(rows, factory,
                new SimpleDataSourceProvenance("ticket-triage head " + head, factory)));
        // Logging interval -1: Tribuo would otherwise log the loss through java.util.logging during the build.
        LinearSGDTrainer trainer = new LinearSGDTrainer(new LogMulticlass(),
                new AdaGrad(settings.learningRate(), 0.1), settings.epochs(), -1, 1, settings.seed());
        LinearSGDModel model = trainer.train(dataset);
        return copyWeights(model, labels);
    }

    private static Logger quiet(Logger logger) {
        logger.setLevel(Level.WARNING);
        return logger;
    }

    /** Tribuo keeps weights as [label][feature + bias] over the features it saw; the graph wants [hash id][label]. */
    private HeadWeights copyWeights(LinearSGDModel model, List<String> labels) {
        DenseMatrix learned = model.getWeightsCopy();
        ImmutableFeatureMap featureMap = model.getFeatureIDMap();
        ImmutableOutputInfo<Label> outputs = model.getOutputIDInfo();
        int biasColumn = featureMap.size();
        int width = labels.size();
        float[] weights = new float[featurizerSettings.dimension() * width];
        float[] bias = new float[width];
        for (int c = 0; c < width; c++) {
            int row = outputs.getID(new Label(labels.get(c)));
            bias[c] = (float) learned.get(row, biasColumn);
            for (VariableInfo feature : featureMap) {
                int column = ((VariableIDInfo) feature).getID();
                int hashId = Integer.parseInt(feature.getName().substring(FEATURE_PREFIX.length()));
                weights[hashId * width + c] = (float) learned.get(row, column);
            }
        }
        return new HeadWeights(weights, bias);
    }
}
