namespace Gantry.Guardrails.Learning;

/// <summary>One labelled training text: its feature text (already normalised), its dense features and the label.</summary>
public sealed record TrainingExample(string FeatureText, float[] Dense, bool IsPositive);

/// <summary>
/// Trains a <see cref="LinearModel"/> by logistic regression: AdaGrad steps on the log loss with an L2 penalty,
/// classes weighted to balance, a fixed number of epochs over a seeded shuffle. Single-threaded and deterministic:
/// the same examples and settings give the same weights on every run.
/// </summary>
public sealed class LogisticTrainer
{
    public int Buckets { get; init; } = 1 << 18;
    public int Epochs { get; init; } = 40;
    public double LearningRate { get; init; } = 0.2;
    public double L2 { get; init; } = 1e-4;
    public int Seed { get; init; } = 20261203;

    /// <summary>Epochs that train the bias and dense weights alone before the n-grams join. Without them the
    /// n-grams (far more numerous) fit the training texts first and leave the dense signals, which generalise
    /// better to new phrasings, with little gradient.</summary>
    public int DenseOnlyEpochs { get; init; } = 10;

    public LinearModel Train(IReadOnlyList<TrainingExample> examples)
    {
        ArgumentNullException.ThrowIfNull(examples);
        if (examples.Count == 0) throw new ArgumentException("no training examples", nameof(examples));
        var dense = examples[0].Dense.Length;
        if (examples.Any(e => e.Dense.Length != dense)) throw new ArgumentException("examples differ in their number of dense features", nameof(examples));

        var hashed = examples.Select(e =>
        {
            var buffer = new int[NgramHasher.Count(e.FeatureText.Length)];
            var n = NgramHasher.Hash(e.FeatureText, Buckets, buffer);
            return buffer[..n];
        }).ToArray();
        var positives = examples.Count(e => e.IsPositive);
        var positiveWeight = examples.Count / (2.0 * Math.Max(1, positives));
        var negativeWeight = examples.Count / (2.0 * Math.Max(1, examples.Count - positives));

        var w = new double[Buckets];
        var v = new double[dense];
        double bias = 0;
        var gw = new double[Buckets];
        var gv = new double[dense];
        double gb = 0;
        var order = Enumerable.Range(0, examples.Count).ToArray();
        var random = new Random(Seed);
        for (var epoch = 0; epoch < DenseOnlyEpochs + Epochs; epoch++)
        {
            random.Shuffle(order);
            var denseOnly = epoch < DenseOnlyEpochs;
            foreach (var i in order)
            {
                var e = examples[i];
                var grams = denseOnly ? [] : hashed[i];
                var scale = grams.Length == 0 ? 0 : 1 / Math.Sqrt(grams.Length);
                var z = bias;
                for (var k = 0; k < dense; k++) z += v[k] * e.Dense[k];
                foreach (var g in grams) z += w[g] * scale;
                var p = LinearModel.Sigmoid(z);
                var error = (p - (e.IsPositive ? 1 : 0)) * (e.IsPositive ? positiveWeight : negativeWeight);

                gb += error * error;
                bias -= LearningRate * error / Math.Sqrt(gb + 1e-8);
                for (var k = 0; k < dense; k++)
                {
                    var grad = error * e.Dense[k] + L2 * v[k];
                    gv[k] += grad * grad;
                    v[k] -= LearningRate * grad / Math.Sqrt(gv[k] + 1e-8);
                }
                foreach (var g in grams)
                {
                    var grad = error * scale + L2 * w[g];
                    gw[g] += grad * grad;
                    w[g] -= LearningRate * grad / Math.Sqrt(gw[g] + 1e-8);
                }
            }
        }
        return new LinearModel([.. w.Select(x => (float)x)], [.. v.Select(x => (float)x)], (float)bias);
    }
}
