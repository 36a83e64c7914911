using Gantry.Models.Tokenizers.Bpe;
using Gantry.Models.Tokenizers.SentencePiece;

namespace Gantry.Models.Tokenizers;

/// <summary>Builds the tokenizer a GGUF file describes, with llama.cpp's defaults for absent keys.</summary>
public static partial class TokenizerFactory
{
    /// <summary>Builds a tokenizer from plain arrays (the GGUF path funnels into this).</summary>
    internal static ITokenizer Create(TokenizerData data)
    {
        var n = data.Tokens.Length;
        switch (data.Model)
        {
            case "llama":
            {
                var ids = ResolveIds(data, n, defaultBos: 1, defaultEos: 2, defaultUnk: 0);
                var vocabulary = new Vocabulary(data.Tokens, data.Scores, data.TokenTypes, ids, data.ModelName);
                var addSpacePrefix = data.AddSpacePrefix ?? true;
                var model = new SentencePieceModel(vocabulary, addSpacePrefix);
                return new Tokenizer(vocabulary, model, data.AddBos ?? true, data.AddEos ?? false, addSpacePrefix, cleanSpaces: false);
            }
            case "gpt2":
            {
                var preset = BpePreset.Find(data.Pre)
                    ?? throw TokenizerErrors.Format($"unknown pre-tokenizer type: '{data.Pre}' (tokenizer.ggml.pre)");
                var merges = data.Merges ?? throw TokenizerErrors.Format("cannot find tokenizer merges in model file (tokenizer.ggml.merges)");
                // llama.cpp's BPE default of 11 for both is a GPT-2 leftover; kept so files without the keys behave the same.
                var ids = ResolveIds(data, n, defaultBos: 11, defaultEos: 11, defaultUnk: -1);
                var vocabulary = new Vocabulary(data.Tokens, data.Scores, data.TokenTypes, ids, data.ModelName);
                var model = new BpeModel(vocabulary, merges, preset);
                return new Tokenizer(vocabulary, model, data.AddBos ?? preset.AddBosDefault, data.AddEos ?? false,
                    data.AddSpacePrefix ?? false, preset.CleanSpaces);
            }
            case "gemma4":
            {
                // SentencePiece-style BPE whatever tokenizer.ggml.pre says; llama.cpp always adds BOS for it.
                var merges = data.Merges ?? throw TokenizerErrors.Format("cannot find tokenizer merges in model file (tokenizer.ggml.merges)");
                var ids = ResolveIds(data, n, defaultBos: -1, defaultEos: -1, defaultUnk: -1);
                var vocabulary = new Vocabulary(data.Tokens, data.Scores, data.TokenTypes, ids, data.ModelName);
                var model = new BpeModel(vocabulary, merges, BpePreset.Gemma4);
                return new Tokenizer(vocabulary, model, addBos: true, data.AddEos ?? false, addSpacePrefix: false, BpePreset.Gemma4.CleanSpaces);
            }
            default:
                throw TokenizerErrors.Format($"unknown tokenizer: '{data.Model}' (tokenizer.ggml.model); supported: llama, gpt2, gemma4");
        }
    }

    // A default outside the vocabulary is dropped; a file's id outside it is ignored (llama.cpp warns and keeps the default).
    private static SpecialTokenIds ResolveIds(TokenizerData data, int n, int defaultBos, int defaultEos, int defaultUnk)
    {
        int Pick(int? fromFile, int fallback)
        {
            if (fallback >= n) fallback = -1;
            return fromFile is { } id && id >= 0 && id < n ? id : fallback;
        }
        return new SpecialTokenIds
        {
            Bos = Pick(data.BosId, defaultBos),
            Eos = Pick(data.EosId, defaultEos),
            Eot = Pick(data.EotId, -1),
            Eom = Pick(data.EomId, -1),
            Unk = Pick(data.UnkId, defaultUnk),
            Sep = Pick(data.SepId, -1),
            Pad = Pick(data.PadId, -1),
            FimPre = Pick(data.FimPreId, -1),
            FimSuf = Pick(data.FimSufId, -1),
            FimMid = Pick(data.FimMidId, -1),
            FimPad = Pick(data.FimPadId, -1),
            FimRep = Pick(data.FimRepId, -1),
            FimSep = Pick(data.FimSepId, -1),
        };
    }
}
