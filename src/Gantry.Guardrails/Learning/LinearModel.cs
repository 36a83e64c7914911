using System.Buffers;
using System.Buffers.Binary;

namespace Gantry.Guardrails.Learning;

/// <summary>
/// A logistic-regression model over hashed character n-grams (<see cref="NgramHasher"/>) plus a few dense
/// features (the heuristics' signals): p = σ(bias + Σ dense[i]·v[i] + Σ_g w[bucket(g)] / √(number of n-grams)).
/// Dividing by √n keeps long and short texts on one scale. Immutable and thread-safe; scoring allocates nothing
/// for texts up to <see cref="StackChars"/> characters.
/// </summary>
public sealed class LinearModel
{
    private const uint Magic = 0x4C4E4731; // "1GNL"
    private const int StackChars = 1024;

    private readonly float[] _ngramWeights; // (Buckets)
    private readonly float[] _denseWeights; // (DenseCount)

    public LinearModel(float[] ngramWeights, float[] denseWeights, float bias)
    {
        if (ngramWeights.Length == 0 || (ngramWeights.Length & (ngramWeights.Length - 1)) != 0)
            throw new ArgumentException("the number of n-gram buckets must be a power of two", nameof(ngramWeights));
        _ngramWeights = ngramWeights;
        _denseWeights = denseWeights;
        Bias = bias;
    }

    public int Buckets => _ngramWeights.Length;

    public int DenseCount => _denseWeights.Length;

    public float Bias { get; }

    public ReadOnlySpan<float> NgramWeights => _ngramWeights;

    public ReadOnlySpan<float> DenseWeights => _denseWeights;

    /// <summary>The same weights with another bias (sharing the weight arrays): a decision threshold t chosen on
    /// held-out data becomes the 0.5 point when the bias moves by −logit(t).</summary>
    public LinearModel WithBias(float bias) => new(_ngramWeights, _denseWeights, bias);

    /// <summary>The probability that the text is an injection, given its feature text and dense features.</summary>
    public double Probability(ReadOnlySpan<char> featureText, ReadOnlySpan<float> dense) =>
        Sigmoid(Logit(featureText, dense));

    public double Logit(ReadOnlySpan<char> featureText, ReadOnlySpan<float> dense) => DenseLogit(dense) + NgramSum(featureText);

    /// <summary>bias + Σ dense[i]·v[i]: the part of the logit that does not depend on the n-grams.</summary>
    public double DenseLogit(ReadOnlySpan<float> dense)
    {
        if (dense.Length != _denseWeights.Length) throw new ArgumentException($"expected {_denseWeights.Length} dense features", nameof(dense));
        double z = Bias;
        for (var i = 0; i < dense.Length; i++) z += dense[i] * _denseWeights[i];
        return z;
    }

    /// <summary>Σ w[bucket] / √n over the text's n-grams.</summary>
    public double NgramSum(ReadOnlySpan<char> featureText)
    {
        var count = NgramHasher.Count(featureText.Length);
        int[]? rented = null;
        var buckets = featureText.Length <= StackChars ? stackalloc int[NgramHasher.Count(StackChars)] : (rented = ArrayPool<int>.Shared.Rent(count));
        try
        {
            var n = NgramHasher.Hash(featureText, _ngramWeights.Length, buckets);
            double sum = 0;
            for (var i = 0; i < n; i++) sum += _ngramWeights[buckets[i]];
            return n == 0 ? 0 : sum / Math.Sqrt(n);
        }
        finally
        {
            if (rented is not null) ArrayPool<int>.Shared.Return(rented);
        }
    }

    public static double Sigmoid(double z) => 1 / (1 + Math.Exp(-z));

    /// <summary>Little-endian: magic, buckets, dense count, bias, then the weights as IEEE half floats (the
    /// precision a linear text model needs; a quarter of the float32 size).</summary>
    public void Write(Stream stream)
    {
        var buffer = new byte[16 + 2 * (_ngramWeights.Length + _denseWeights.Length)];
        BinaryPrimitives.WriteUInt32LittleEndian(buffer, Magic);
        BinaryPrimitives.WriteInt32LittleEndian(buffer.AsSpan(4), _ngramWeights.Length);
        BinaryPrimitives.WriteInt32LittleEndian(buffer.AsSpan(8), _denseWeights.Length);
        BinaryPrimitives.WriteSingleLittleEndian(buffer.AsSpan(12), Bias);
        var at = 16;
        foreach (var w in _ngramWeights) { BinaryPrimitives.WriteHalfLittleEndian(buffer.AsSpan(at), (Half)w); at += 2; }
        foreach (var w in _denseWeights) { BinaryPrimitives.WriteHalfLittleEndian(buffer.AsSpan(at), (Half)w); at += 2; }
        stream.Write(buffer);
    }

    /// <summary>Reads what <see cref="Write"/> wrote; throws <see cref="InvalidDataException"/> on anything else.</summary>
    public static LinearModel Read(Stream stream)
    {
        using var memory = new MemoryStream();
        stream.CopyTo(memory);
        var bytes = memory.GetBuffer().AsSpan(0, (int)memory.Length);
        if (bytes.Length < 16 || BinaryPrimitives.ReadUInt32LittleEndian(bytes) != Magic)
            throw new InvalidDataException("not a Gantry linear model (bad magic)");
        var buckets = BinaryPrimitives.ReadInt32LittleEndian(bytes[4..]);
        var dense = BinaryPrimitives.ReadInt32LittleEndian(bytes[8..]);
        if (buckets <= 0 || dense < 0 || bytes.Length != 16 + 2L * (buckets + dense))
            throw new InvalidDataException($"linear model: {bytes.Length} bytes do not hold {buckets} + {dense} weights");
        var bias = BinaryPrimitives.ReadSingleLittleEndian(bytes[12..]);
        var w = new float[buckets];
        var v = new float[dense];
        var at = 16;
        for (var i = 0; i < buckets; i++, at += 2) w[i] = (float)BinaryPrimitives.ReadHalfLittleEndian(bytes[at..]);
        for (var i = 0; i < dense; i++, at += 2) v[i] = (float)BinaryPrimitives.ReadHalfLittleEndian(bytes[at..]);
        return new LinearModel(w, v, bias);
    }
}
