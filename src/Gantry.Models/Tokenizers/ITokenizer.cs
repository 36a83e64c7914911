namespace Gantry.Models.Tokenizers;

/// <summary>
/// Text ↔ token ids for one model's vocabulary, with llama.cpp's behaviour on the same GGUF file.
/// Implementations are immutable and safe to use from many threads at once.
/// </summary>
public interface ITokenizer
{
    int VocabSize { get; }

    /// <summary>Beginning-of-sequence id, -1 if none.</summary>
    int BosId { get; }

    /// <summary>End-of-sequence id, -1 if none.</summary>
    int EosId { get; }

    /// <summary>Whether <see cref="Encode"/> with addSpecial puts BOS first (<c>tokenizer.ggml.add_bos_token</c> or the model's default).</summary>
    bool AddBos { get; }

    /// <summary>Whether <see cref="Encode"/> with addSpecial puts EOS last.</summary>
    bool AddEos { get; }

    /// <summary>
    /// SentencePiece's <c>add_space_prefix</c>: encoding puts a space in front of the text (and after
    /// each special token), so decoders drop one leading space of the first token to undo it.
    /// </summary>
    bool AddSpacePrefix { get; }

    /// <summary>Whether <see cref="TokenizerExtensions.Decode"/> removes spaces before <c>. , ! ?</c> and some contractions (llama.cpp's clean_spaces).</summary>
    bool CleanSpaces { get; }

    /// <summary>Encodes text into token ids.</summary>
    /// <param name="text">Any string; lone surrogates are read as U+FFFD, as their UTF-8 encoding would be.</param>
    /// <param name="addSpecial">Add BOS/EOS as <see cref="AddBos"/>/<see cref="AddEos"/> say.</param>
    /// <param name="parseSpecial">Recognise control-token text such as <c>&lt;/s&gt;</c> in the input as that token;
    /// when false such text is tokenized as ordinary characters. User-defined tokens are recognised either way.</param>
    int[] Encode(string text, bool addSpecial, bool parseSpecial);

    /// <summary>
    /// The bytes a token stands for: a byte-fallback token gives its byte, a normal token its text
    /// (spaces restored, byte-level alphabet undone). Control and unknown tokens give nothing unless
    /// <paramref name="renderSpecial"/>, then their text. May be an incomplete UTF-8 sequence.
    /// The span points into the tokenizer's own table; do not hold it past the tokenizer's lifetime.
    /// </summary>
    ReadOnlySpan<byte> TokenBytes(int id, bool renderSpecial = false);

    /// <summary>True for tokens that end generation: EOS, EOT, EOM and the control tokens llama.cpp treats alike (<c>&lt;|im_end|&gt;</c>, ...).</summary>
    bool IsEndOfGeneration(int id);

    /// <summary>The vocabulary entry as stored in the file (e.g. "▁the", "Ġthe", "&lt;0x0A&gt;").</summary>
    string TokenText(int id);

    /// <summary>The token's kind after llama.cpp's load-time adjustments.</summary>
    TokenAttributes GetAttributes(int id);
}
