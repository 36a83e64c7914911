using Gantry.Models.Gguf;
using Gantry.Tensors;
using Gantry.Tensors.Kernels;

namespace Gantry.Models.Architectures.Llama;

/// <summary>Binds a GGUF file's tensors to the Llama layout, checking every name, shape and type at load time.</summary>
public sealed class LlamaWeights
{
    private LlamaWeights(WeightMatrix embedding, LlamaLayer[] layers, float[] outputNorm, WeightMatrix output)
    {
        Embedding = embedding;
        Layers = layers;
        OutputNorm = outputNorm;
        Output = output;
    }

    public WeightMatrix Embedding { get; }  // (vocab, dim)
    public IReadOnlyList<LlamaLayer> Layers { get; }
    public float[] OutputNorm { get; }      // (dim)
    public WeightMatrix Output { get; }     // (vocab, dim); the embedding itself when the head is tied

    public static LlamaWeights Bind(GgufFile file, LlamaConfig c, int vocabSize)
    {
        var embedding = Matrix(file, "token_embd.weight", vocabSize, c.EmbeddingLength, allowAnyType: true);
        var layers = new LlamaLayer[c.LayerCount];
        var biased = file.FindTensor("blk.0.attn_q.bias") is not null;
        for (var i = 0; i < c.LayerCount; i++)
        {
            var p = $"blk.{i}.";
            layers[i] = new LlamaLayer
            {
                AttentionNorm = Vector(file, p + "attn_norm.weight", c.EmbeddingLength),
                Query = Matrix(file, p + "attn_q.weight", c.QueryDim, c.EmbeddingLength),
                Key = Matrix(file, p + "attn_k.weight", c.KvDim, c.EmbeddingLength),
                Value = Matrix(file, p + "attn_v.weight", c.KvDim, c.EmbeddingLength),
                Output = Matrix(file, p + "attn_output.weight", c.EmbeddingLength, c.QueryDim),
                QueryBias = biased ? Vector(file, p + "attn_q.bias", c.QueryDim) : null,
                KeyBias = biased ? Vector(file, p + "attn_k.bias", c.KvDim) : null,
                ValueBias = biased ? Vector(file, p + "attn_v.bias", c.KvDim) : null,
                FeedForwardNorm = Vector(file, p + "ffn_norm.weight", c.EmbeddingLength),
                Gate = Matrix(file, p + "ffn_gate.weight", c.FeedForwardLength, c.EmbeddingLength),
                Up = Matrix(file, p + "ffn_up.weight", c.FeedForwardLength, c.EmbeddingLength),
                Down = Matrix(file, p + "ffn_down.weight", c.EmbeddingLength, c.FeedForwardLength),
            };
        }
        var output = file.FindTensor("output.weight") is null ? embedding : Matrix(file, "output.weight", vocabSize, c.EmbeddingLength);
        if (!MatMul.IsSupported(output.Type))
            throw new ModelFormatException($"tensor '{(file.FindTensor("output.weight") is null ? "token_embd.weight" : "output.weight")}' has type {output.Type}, which Gantry cannot multiply yet");
        return new LlamaWeights(embedding, layers, Vector(file, "output_norm.weight", c.EmbeddingLength), output);
    }

    private static unsafe WeightMatrix Matrix(GgufFile file, string name, int rows, int cols, bool allowAnyType = false)
    {
        var t = file.GetTensor(name);
        if (t.Shape.Length != 2 || t.Shape[0] != cols || t.Shape[1] != rows)
            throw new ModelFormatException($"tensor '{name}' has shape [{string.Join(", ", t.Shape)}]; expected [{cols}, {rows}]");
        if (!(allowAnyType ? Dequantize.IsSupported(t.Type) : MatMul.IsSupported(t.Type)))
            throw new ModelFormatException($"tensor '{name}' has type {t.Type}, which Gantry does not support (F32, F16, BF16, Q8_0, Q4_0, Q4_K, Q6_K are)");
        return new WeightMatrix(file.TensorPointer(t), t.Type, rows, cols);
    }

    private static float[] Vector(GgufFile file, string name, int length)
    {
        var t = file.GetTensor(name);
        if (t.ElementCount != length) throw new ModelFormatException($"tensor '{name}' has {t.ElementCount} elements; expected {length}");
        if (!Dequantize.IsSupported(t.Type)) throw new ModelFormatException($"tensor '{name}' has unsupported type {t.Type}");
        var values = new float[length];
        Dequantize.Row(t.Type, file.TensorData(t), values);
        return values;
    }
}
