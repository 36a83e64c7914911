using System.Runtime.InteropServices;
using Gantry.Models.Gguf;
using Gantry.Tensors;

namespace Gantry.Models.Synthesis;

/// <summary>
/// Writes a tiny Llama model built by hand to act as a Llama Guard 3 model for tests and benchmarks: greedily it
/// answers a guard prompt with <c>" unsafe S1"</c> when its context holds the <see cref="Spec.Trigger"/> word and
/// <c>" safe"</c> otherwise. Served as an ordinary model, it continues a prompt ending in <see cref="Spec.Cue"/>
/// with the trigger word (so its own output can be judged unsafe). Random weights cannot say either answer, so
/// guard-model wiring could not otherwise be tested end to end.
/// </summary>
/// <remarks>
/// Construction (one layer, F32, width 256, every weight zero unless named here). The vocabulary is the synthetic
/// one (byte fallback, letters) plus Llama 3's header tokens and word pieces whose prefixes chain by merges, so
/// <c>"▁hemlock"</c> and <c>"▁recipe"</c> tokenize to one token each. Embeddings are one-hot on a few reserved
/// dimensions: the guard prompt's last token (a newline byte), the answers <c>▁safe</c>, <c>▁unsafe</c>, <c>▁S1</c>,
/// the trigger, the cue, and one dimension shared by every other token. Attention has zero queries and keys, so
/// every position attends uniformly to all earlier ones; its values read only the trigger dimension and its output
/// writes it to a spare dimension Z, which so holds a positive multiple of the trigger's share of the context (zero
/// exactly without it). The output head maps each reserved token to its successor (newline → safe, unsafe → S1,
/// safe/S1/trigger/others → end of text, cue → trigger) with logit 1 and gives unsafe 1 − <see cref="Tie"/> after the
/// newline plus Z: any trigger in a context of up to 1/(2·Tie) tokens turns the answer unsafe, and Z stays below 1
/// so it never overrides another successor.
/// </remarks>
public static class GuardModelSynthesizer
{
    /// <summary>The words that steer the model; each must be lowercase ASCII letters, at least three of them.</summary>
    public sealed record Spec(string Trigger = "hemlock", string Cue = "recipe");

    private const int Width = 256, Heads = 4, KvHeads = 2, HeadDim = 64, FeedForward = 256, Context = 8192;

    /// <summary>How far unsafe trails safe after the newline without a trigger.</summary>
    private const float Tie = 1e-5f;

    /// <summary>Z's largest value (every attended token a trigger); below 1, the logit of the true successor.</summary>
    private const float MaxTriggerSignal = 0.5f;

    // Reserved residual dimensions.
    private const int DimNewline = 0, DimSafe = 1, DimUnsafe = 2, DimCategory = 3, DimTrigger = 4, DimCue = 5, DimOther = 6, DimZ = 7;

    public static void Write(string path, Spec? spec = null)
    {
        using var stream = new FileStream(path, FileMode.Create, FileAccess.Write, FileShare.None, 1 << 16);
        Build(spec ?? new Spec()).WriteTo(stream);
    }

    public static GgufWriter Build(Spec spec)
    {
        ArgumentNullException.ThrowIfNull(spec);
        foreach (var word in (string[])[spec.Trigger, spec.Cue])
            if (word.Length < 3 || !word.All(char.IsAsciiLetterLower)) throw new ArgumentException($"'{word}' must be at least three lowercase ASCII letters", nameof(spec));
        if (spec.Trigger == spec.Cue) throw new ArgumentException("the trigger and the cue must differ", nameof(spec));

        var (baseTokens, baseScores, baseTypes) = SyntheticVocabulary.Build(BaseVocabulary);
        var tokens = new List<string>(baseTokens);
        var scores = new List<float>(baseScores);
        var types = new List<int>(baseTypes);
        void Add(string piece, int type)
        {
            if (tokens.Contains(piece)) return;
            tokens.Add(piece);
            scores.Add(type == 1 ? -tokens.Count : 0f);
            types.Add(type);
        }
        foreach (var special in (string[])["<|begin_of_text|>", "<|start_header_id|>", "<|end_header_id|>", "<|eot_id|>"]) Add(special, 3);
        // Every prefix of a word is a piece, so the tokenizer's merges reach the whole word.
        foreach (var word in (string[])[spec.Trigger, spec.Cue])
            for (var k = 2; k <= word.Length; k++) Add("▁" + word[..k], 1);
        foreach (var answer in (string[])["▁safe", "▁unsafe", "▁S1"]) Add(answer, 1);

        var vocab = tokens.Count;
        var dimOf = new int[vocab];
        Array.Fill(dimOf, DimOther);
        int Id(string piece) => tokens.IndexOf(piece);
        int newline = Id("<0x0A>"), safe = Id("▁safe"), unsafeId = Id("▁unsafe"), category = Id("▁S1"), trigger = Id("▁" + spec.Trigger), cue = Id("▁" + spec.Cue);
        (dimOf[newline], dimOf[safe], dimOf[unsafeId], dimOf[category], dimOf[trigger], dimOf[cue]) = (DimNewline, DimSafe, DimUnsafe, DimCategory, DimTrigger, DimCue);

        const string arch = "llama";
        var w = new GgufWriter()
            .Set("general.architecture", arch)
            .Set("general.name", $"gantry-synthetic-guard (trigger '{spec.Trigger}', cue '{spec.Cue}')")
            .Set(arch + ".context_length", (uint)Context)
            .Set(arch + ".embedding_length", (uint)Width)
            .Set(arch + ".block_count", 1u)
            .Set(arch + ".feed_forward_length", (uint)FeedForward)
            .Set(arch + ".rope.dimension_count", (uint)HeadDim)
            .Set(arch + ".rope.freq_base", 10000f)
            .Set(arch + ".attention.head_count", (uint)Heads)
            .Set(arch + ".attention.head_count_kv", (uint)KvHeads)
            .Set(arch + ".attention.layer_norm_rms_epsilon", 1e-5f)
            .Set("tokenizer.ggml.model", "llama")
            .Set("tokenizer.ggml.tokens", tokens.ToArray())
            .Set("tokenizer.ggml.scores", scores.ToArray())
            .Set("tokenizer.ggml.token_type", types.ToArray())
            .Set("tokenizer.ggml.bos_token_id", (uint)SyntheticVocabulary.Bos)
            .Set("tokenizer.ggml.eos_token_id", (uint)SyntheticVocabulary.Eos)
            .Set("tokenizer.ggml.unknown_token_id", (uint)SyntheticVocabulary.Unknown)
            .Set("tokenizer.ggml.add_bos_token", true)
            .Set("tokenizer.ggml.add_eos_token", false);

        // (vocab, width): one-hot rows.
        Tensor(w, "token_embd.weight", vocab, Width, m => { for (var t = 0; t < vocab; t++) m[t * Width + dimOf[t]] = 1f; });
        Tensor(w, "blk.0.attn_norm.weight", 1, Width, Ones);
        Tensor(w, "blk.0.attn_q.weight", Heads * HeadDim, Width, _ => { });
        Tensor(w, "blk.0.attn_k.weight", KvHeads * HeadDim, Width, _ => { });
        // (kv heads · head dim, width): kv head 0's first value reads the trigger dimension.
        Tensor(w, "blk.0.attn_v.weight", KvHeads * HeadDim, Width, m => m[DimTrigger] = 1f);
        // (width, heads · head dim): Z gets head 0's first value. The normed input is √Width at a one-hot dimension,
        // so Z = gain · √Width · (trigger share) and the gain makes its top MaxTriggerSignal.
        Tensor(w, "blk.0.attn_output.weight", Width, Heads * HeadDim, m => m[DimZ * Heads * HeadDim] = MaxTriggerSignal / MathF.Sqrt(Width));
        Tensor(w, "blk.0.ffn_norm.weight", 1, Width, Ones);
        Tensor(w, "blk.0.ffn_gate.weight", FeedForward, Width, _ => { });
        Tensor(w, "blk.0.ffn_up.weight", FeedForward, Width, _ => { });
        Tensor(w, "blk.0.ffn_down.weight", Width, FeedForward, _ => { });
        Tensor(w, "output_norm.weight", 1, Width, Ones);
        // (vocab, width): row j reads the dimensions of the tokens whose successor is j.
        Tensor(w, "output.weight", vocab, Width, m =>
        {
            m[safe * Width + DimNewline] = 1f;
            m[unsafeId * Width + DimNewline] = 1f - Tie;
            m[unsafeId * Width + DimZ] = 1f;
            m[category * Width + DimUnsafe] = 1f;
            m[trigger * Width + DimCue] = 1f;
            foreach (var d in (int[])[DimSafe, DimCategory, DimTrigger, DimOther]) m[SyntheticVocabulary.Eos * Width + d] = 1f;
        });
        return w;
    }

    /// <summary>The synthetic vocabulary through its "▁"-marked symbols, before any letter pairs (which would compete
    /// with the word pieces' merges).</summary>
    private const int BaseVocabulary = 406;

    private static void Ones(float[] m) => Array.Fill(m, 1f);

    /// <summary>An F32 tensor of <paramref name="rows"/> × <paramref name="cols"/> (a vector when rows is 1), zero
    /// unless <paramref name="fill"/> sets values (row-major).</summary>
    private static void Tensor(GgufWriter w, string name, int rows, int cols, Action<float[]> fill)
    {
        var values = new float[rows * cols];
        fill(values);
        long[] shape = rows == 1 ? [cols] : [cols, rows];
        w.AddTensor(name, GgmlType.F32, shape, bytes => MemoryMarshal.AsBytes(values.AsSpan()).CopyTo(bytes));
    }
}
