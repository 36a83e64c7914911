using System.Text;
using Gantry.Guardrails.ModelGuard;

namespace Gantry.Guardrails.Tests.ModelGuard;

public sealed class GuardPromptBudgetTests
{
    private const int Answer = LlamaGuard.MaxAnswerTokens;

    /// <summary>One UTF-16 unit is one token: monotonic and exact, so the limits can be checked to the token.</summary>
    private static int Chars(string text) => text.Length;

    /// <summary>One UTF-8 byte is one token, like a byte-level tokenizer on text it has no merges for.</summary>
    private static int Bytes(string text) => Encoding.UTF8.GetByteCount(text);

    private static int PromptTokens(IReadOnlyList<(GuardRole, string)> turns, GuardRole judged, Func<string, int> count) =>
        count(LlamaGuardPrompt.Build(turns, judged));

    private static List<(GuardRole Role, string Text)> Chat(int turns, int chars) =>
        Enumerable.Range(0, turns).Select(i => (i % 2 == 0 ? GuardRole.User : GuardRole.Agent, $"<{i}>" + new string('a', chars))).ToList();

    [Fact]
    public void Fit_ConversationThatFits_ComesBackWhole()
    {
        var turns = Chat(6, 50);
        Assert.Same(turns, GuardPromptBudget.Fit(turns, GuardRole.User, Chars, 10_000, Answer));
    }

    [Theory]
    [InlineData(2000)]
    [InlineData(3000)]
    [InlineData(8000)]
    public void Fit_LongConversation_KeepsFirstAndNewestTurns_DropsTheMiddleWithAMarker(int context)
    {
        var turns = Chat(101, 300); // the last turn (100) is a user turn
        var fitted = GuardPromptBudget.Fit(turns, GuardRole.User, Chars, context, Answer);

        Assert.True(PromptTokens(fitted, GuardRole.User, Chars) + Answer < context);
        Assert.Equal(turns[0], fitted[0]);
        Assert.Equal(turns[^1], fitted[^1]);
        var omitted = turns.Count - (fitted.Count - 1); // all but the marker are turns of the conversation
        Assert.Equal((GuardRole.User, GuardPromptBudget.OmittedTurns(omitted)), fitted[1]);
        // What is left between the marker and the last turn is the newest turns, in order, with no gap.
        Assert.Equal(turns.Skip(turns.Count - (fitted.Count - 2)).ToList(), fitted.Skip(2).ToList());
        // And it uses the room: one more turn would not have fitted.
        var oneMore = fitted.Take(2).Append(turns[turns.Count - fitted.Count + 1]).Concat(fitted.Skip(2)).ToList();
        Assert.True(PromptTokens(oneMore, GuardRole.User, Chars) + Answer >= context - 6 * 4);
    }

    [Fact]
    public void Fit_HugeLastTurn_KeepsItsHeadAndTail_AndTheFirstTurn()
    {
        List<(GuardRole, string)> turns = [(GuardRole.User, "FIRST question"), (GuardRole.Agent, "an answer"), (GuardRole.User, "HEAD" + new string('m', 50_000) + "TAIL")];
        var fitted = GuardPromptBudget.Fit(turns, GuardRole.User, Chars, 4096, Answer);
        Assert.True(PromptTokens(fitted, GuardRole.User, Chars) + Answer < 4096);
        Assert.Equal(turns[0], fitted[0]);
        var last = fitted[^1].Text;
        Assert.StartsWith("HEAD", last);
        Assert.EndsWith("TAIL", last);
        Assert.Contains(GuardPromptBudget.CutMarker, last);
        Assert.True(last.Length > 2000, "the judged turn gets most of the room");
    }

    [Fact]
    public void Fit_SingleTurnTooLong_IsCut()
    {
        List<(GuardRole, string)> turns = [(GuardRole.User, new string('q', 20_000))];
        var fitted = GuardPromptBudget.Fit(turns, GuardRole.User, Chars, 2048, Answer);
        Assert.Single(fitted);
        Assert.True(PromptTokens(fitted, GuardRole.User, Chars) + Answer < 2048);
        Assert.Contains(GuardPromptBudget.CutMarker, fitted[0].Text);
    }

    [Theory]
    [InlineData("😀")]          // a surrogate pair, 4 UTF-8 bytes
    [InlineData("é😀ß")]
    [InlineData("a😀")]
    public void Cut_NeverSplitsACharacter(string unit)
    {
        var text = string.Concat(Enumerable.Repeat(unit, 3000));
        for (var max = 5; max < 400; max += 7)
        {
            var cut = GuardPromptBudget.Cut(text, Bytes, max);
            Assert.True(Bytes(cut) <= max);
            Assert.Equal(cut, Encoding.UTF8.GetString(Encoding.UTF8.GetBytes(cut))); // a lone surrogate would not round-trip
            for (var i = 0; i < cut.Length; i++)
            {
                if (char.IsHighSurrogate(cut[i])) Assert.True(i + 1 < cut.Length && char.IsLowSurrogate(cut[i + 1]));
                if (char.IsLowSurrogate(cut[i])) Assert.True(i > 0 && char.IsHighSurrogate(cut[i - 1]));
            }
        }
    }

    [Fact]
    public void Fit_ByteTokens_MultibyteConversation_Fits()
    {
        var turns = Enumerable.Range(0, 30).Select(i => (i % 2 == 0 ? GuardRole.User : GuardRole.Agent, $"{i} " + string.Concat(Enumerable.Repeat("Grüße 😀 ", 60)))).ToList();
        var fitted = GuardPromptBudget.Fit(turns, GuardRole.Agent, Bytes, 3000, Answer);
        Assert.True(PromptTokens(fitted, GuardRole.Agent, Bytes) + Answer < 3000);
        Assert.Equal(turns[0], fitted[0]);
        Assert.Equal(turns[^1].Item2.Length > 0, fitted[^1].Text.Length > 0);
        Assert.Equal(GuardRole.Agent, fitted[^1].Role);
    }

    [Fact]
    public void Fit_ContextSmallerThanTheTemplate_Throws() =>
        Assert.Throws<ArgumentException>(() => GuardPromptBudget.Fit(Chat(3, 10), GuardRole.User, Chars, 200, Answer));
}
