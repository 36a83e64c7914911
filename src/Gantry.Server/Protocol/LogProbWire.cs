using Gantry.Engine.Sampling;
using Gantry.Models.Tokenizers;

namespace Gantry.Server.Protocol;

/// <summary>Log-probabilities in their two wire shapes: chat's per-token entries and completions' parallel arrays.</summary>
internal static class LogProbWire
{
    /// <summary>One chat <c>logprobs.content</c> entry: the token, its log-probability and bytes, and its top alternatives.</summary>
    public static ChatTokenLogProb ChatEntry(ITokenizer tokenizer, int token, float logprob, TokenLogProb[] tops, int count)
    {
        var top = new List<ChatTopLogProb>(count);
        for (var i = 0; i < Math.Min(count, tops.Length); i++)
            top.Add(new ChatTopLogProb(Wire.TokenText(tokenizer, tops[i].TokenId), tops[i].LogProb, Wire.TokenBytes(tokenizer, tops[i].TokenId)));
        return new ChatTokenLogProb(Wire.TokenText(tokenizer, token), logprob, Wire.TokenBytes(tokenizer, token), top);
    }

    /// <summary>Completions' <c>top_logprobs</c> entry of one token: text → log-probability, the first of equal texts kept.</summary>
    public static Dictionary<string, float> CompletionTop(ITokenizer tokenizer, TokenLogProb[]? tops, int count)
    {
        var d = new Dictionary<string, float>();
        if (tops is null) return d;
        for (var i = 0; i < Math.Min(count, tops.Length); i++) d.TryAdd(Wire.TokenText(tokenizer, tops[i].TokenId), tops[i].LogProb);
        return d;
    }

    /// <summary>Completions' whole <c>logprobs</c> object for a choice's tokens, with <c>text_offset</c> counted from 0.</summary>
    public static CompletionLogProbs Completion(IEnumerable<(int Token, float LogProb, TokenLogProb[] Top)> tokens, ITokenizer tokenizer, int top)
    {
        var result = new CompletionLogProbs([], [], [], []);
        var offset = 0;
        foreach (var (token, lp, tops) in tokens)
        {
            var text = Wire.TokenText(tokenizer, token);
            result.Tokens.Add(text);
            result.TokenLogprobs.Add(lp);
            result.TopLogprobs.Add(CompletionTop(tokenizer, tops, top));
            result.TextOffset.Add(offset);
            offset += text.Length;
        }
        return result;
    }
}
