using Gantry.Gateway;
using Gantry.Engine.KvCache;
using Gantry.Gateway.Hosting;
using Gantry.Gateway.Routing;
using Gantry.Models.ChatTemplates;
using Gantry.Models.Tokenizers;
using Gantry.TestSupport;
using Microsoft.Extensions.Logging.Abstractions;

namespace Gantry.Gateway.Tests.Routing;

public sealed class PromptKeyerTests
{
    private static readonly GatewayOptions Options = new()
    {
        Replicas = [new Uri("http://127.0.0.1:1/")],
        Tokenizers = new Dictionary<string, string> { ["stories"] = SharedModels.Stories260K },
    };

    private readonly PromptKeyer _keyer = new(Options, NullLogger.Instance);

    [Fact]
    public void ForText_IsTheEnginesChainedBlockHashOfTheFirstBlocks()
    {
        var text = string.Concat(Enumerable.Repeat("the little dog ran to the park and back again. ", 20));
        var tokens = TokenizerFactory.FromGguf(SharedModels.Stories260K).Encode(text, addSpecial: true, parseSpecial: false);
        Assert.True(tokens.Length > 64);
        var h = BlockHasher.Root(null);
        for (var b = 0; b < 4; b++) h = BlockHasher.Chain(h, tokens.AsSpan(b * 16, 16));
        Assert.Equal(h, _keyer.ForText("stories", text, null));
    }

    [Fact]
    public void ForChat_SameLongSystemPrompt_SameKey_DifferentSystemPrompt_DifferentKey()
    {
        var system = string.Concat(Enumerable.Repeat("You are a kind storyteller for children. ", 12));
        ChatMessage[] one = [new("system", system), new("user", "a cat")];
        ChatMessage[] two = [new("system", system), new("user", "a dog, a frog and a log")];
        ChatMessage[] other = [new("system", "Be brief. " + system), new("user", "a cat")];
        Assert.Equal(_keyer.ForChat("stories", one, null), _keyer.ForChat("stories", two, null));
        Assert.NotEqual(_keyer.ForChat("stories", one, null), _keyer.ForChat("stories", other, null));
    }

    [Fact]
    public void ForText_CacheSalt_ChangesTheKey() =>
        Assert.NotEqual(_keyer.ForText("stories", "Once upon a time", null), _keyer.ForText("stories", "Once upon a time", "tenant-b"));

    [Fact]
    public void ForText_ModelWithoutTokenizer_KeysOnCharacters()
    {
        var shared = new string('x', 300);
        Assert.Equal(_keyer.ForText("other", shared + "tail one", null), _keyer.ForText("other", shared + "tail two", null));
        Assert.NotEqual(_keyer.ForText("other", "short a", null), _keyer.ForText("other", "short b", null));
    }
}
