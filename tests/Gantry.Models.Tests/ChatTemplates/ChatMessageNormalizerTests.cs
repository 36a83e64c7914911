using System.Text.Json.Nodes;
using Gantry.Models.ChatTemplates;

namespace Gantry.Models.Tests.ChatTemplates;

/// <summary>
/// Normalisation as llama.cpp applies it before rendering (common/chat.cpp with minja's capability probes), on real
/// templates of the corpus: system merged into the first user message where the template drops or rejects it,
/// developer → system, "" content for tool-call-only assistant messages, string arguments parsed for templates that
/// only render objects, and a leading BOS removed when the tokenizer adds its own.
/// </summary>
public sealed class ChatMessageNormalizerTests
{
    private static ChatTemplate Load(string name)
    {
        var (bos, eos) = CorpusFiles.TokensFor(name);
        return ChatTemplate.Parse(CorpusFiles.Source(name), bos, eos).WithClock(new FixedClock(Jinja2Reference.Now));
    }

    private static JsonArray Messages(params (string Role, string Content)[] turns) =>
        new(turns.Select(t => (JsonNode)new JsonObject { ["role"] = t.Role, ["content"] = t.Content }).ToArray());

    [Theory]
    [InlineData("google-gemma-2-2b-it", false)]      // raises "System role not supported"
    [InlineData("microsoft-Phi-3.5-mini-instruct", true)]
    [InlineData("phi-3-mini", false)]                 // renders only user/assistant: the system text never appears
    [InlineData("Qwen-Qwen2.5-7B-Instruct", true)]
    [InlineData("meta-llama-Llama-3.1-8B-Instruct", true)]
    [InlineData("mistral-7b-instruct-v0.2", false)]
    public void Capabilities_SystemRole_AsProbed(string template, bool supported) =>
        Assert.Equal(supported, Load(template).Capabilities.SupportsSystemRole);

    [Theory]
    [InlineData("meta-llama-Llama-3.1-8B-Instruct", true)] // {{ tool_call.arguments | tojson }}: a string would be quoted
    [InlineData("moonshotai-Kimi-K2-Thinking", false)]    // prints a string as it is
    public void Capabilities_ObjectArguments_AsProbed(string template, bool required) =>
        Assert.Equal(required, Load(template).Capabilities.RequiresObjectArguments);

    [Fact]
    public void Normalize_NoSystemRole_MergesSystemIntoFirstUser()
    {
        var caps = new ChatTemplateCapabilities(SupportsSystemRole: false, RequiresObjectArguments: false);
        var result = ChatMessageNormalizer.Normalize(Messages(("system", "Be brief."), ("user", "Hello"), ("assistant", "Hi"), ("user", "Bye")), caps);
        Assert.Equal("""[{"role":"user","content":"Be brief.\nHello"},{"role":"assistant","content":"Hi"},{"role":"user","content":"Bye"}]""",
            result.ToJsonString());
    }

    [Fact]
    public void Normalize_NoSystemRole_TwoSystemsAndEmptyUser_JoinedWithNewlines()
    {
        var caps = new ChatTemplateCapabilities(false, false);
        var result = ChatMessageNormalizer.Normalize(Messages(("system", "A"), ("developer", "B"), ("user", "")), caps);
        Assert.Equal("""[{"role":"user","content":"A\nB"}]""", result.ToJsonString());
    }

    [Fact]
    public void Normalize_NoSystemRole_SystemBeforeAssistant_BecomesUserMessage()
    {
        var caps = new ChatTemplateCapabilities(false, false);
        var result = ChatMessageNormalizer.Normalize(Messages(("system", "S"), ("assistant", "Hi")), caps);
        Assert.Equal("""[{"role":"user","content":"S"},{"role":"assistant","content":"Hi"}]""", result.ToJsonString());
    }

    [Fact]
    public void Normalize_SystemRoleSupported_KeepsSystemAndMapsDeveloper()
    {
        var caps = new ChatTemplateCapabilities(true, false);
        var input = Messages(("developer", "Rules"), ("user", "Hi"));
        var result = ChatMessageNormalizer.Normalize(input, caps);
        Assert.Equal("""[{"role":"system","content":"Rules"},{"role":"user","content":"Hi"}]""", result.ToJsonString());
        Assert.Equal("developer", (string?)input[0]!["role"]); // the input is not changed
    }

    [Fact]
    public void Normalize_ToolCallOnlyAssistant_GetsEmptyContentAndObjectArguments()
    {
        var message = new JsonObject
        {
            ["role"] = "assistant",
            ["content"] = null,
            ["tool_calls"] = new JsonArray { new JsonObject { ["type"] = "function", ["function"] = new JsonObject { ["name"] = "f", ["arguments"] = "{\"x\": 1}" } } },
        };
        var objects = ChatMessageNormalizer.Normalize([message.DeepClone()], new ChatTemplateCapabilities(true, RequiresObjectArguments: true));
        Assert.Equal("""[{"role":"assistant","content":"","tool_calls":[{"type":"function","function":{"name":"f","arguments":{"x":1}}}]}]""", objects.ToJsonString());
        var strings = ChatMessageNormalizer.Normalize([message.DeepClone()], new ChatTemplateCapabilities(true, RequiresObjectArguments: false));
        Assert.Equal("{\"x\": 1}", (string?)strings[0]!["tool_calls"]![0]!["function"]!["arguments"]);
    }

    [Fact]
    public void Apply_Gemma2WithSystem_RendersMergedWhereRawRenderRaises()
    {
        var chat = Load("google-gemma-2-2b-it");
        var variables = new JsonObject { ["messages"] = Messages(("system", "Be brief."), ("user", "Hello")), ["add_generation_prompt"] = true };
        Assert.True(Assert.Throws<ChatTemplateException>(() => chat.Apply(variables, normalize: false)).RaisedByTemplate);
        Assert.Equal("<bos><start_of_turn>user\nBe brief.\nHello<end_of_turn>\n<start_of_turn>model\n", chat.Apply(variables));
    }

    [Fact]
    public void Apply_Llama31WithStringArguments_RendersThemAsObjects()
    {
        var chat = Load("meta-llama-Llama-3.1-8B-Instruct");
        var messages = new JsonArray
        {
            new JsonObject { ["role"] = "user", ["content"] = "Weather?" },
            new JsonObject
            {
                ["role"] = "assistant",
                ["tool_calls"] = new JsonArray { new JsonObject { ["type"] = "function", ["function"] = new JsonObject { ["name"] = "get_weather", ["arguments"] = "{\"city\":\"Paris\"}" } } },
            },
        };
        var prompt = chat.Apply(new JsonObject { ["messages"] = messages });
        Assert.Contains("{\"name\": \"get_weather\", \"parameters\": {\"city\": \"Paris\"}}", prompt);
    }

    [Fact]
    public void Apply_TokenizerAddsBos_LeadingBosRemoved()
    {
        var variables = new JsonObject { ["messages"] = Messages(("user", "Hi")), ["add_generation_prompt"] = true };
        var chat = Load("meta-llama-Llama-3.1-8B-Instruct");
        Assert.StartsWith("<|begin_of_text|><|start_header_id|>system", chat.Apply(variables));
        Assert.StartsWith("<|start_header_id|>system", chat.ForTokenizer(addsBos: true, addsEos: false).Apply(variables));
        Assert.StartsWith("<|begin_of_text|>", chat.ForTokenizer(addsBos: true, addsEos: false).Apply(variables, normalize: false));
    }

    [Fact]
    public void Apply_TokenizerAddsEos_TrailingEosRemoved()
    {
        var chat = ChatTemplate.Parse("{{ bos_token }}{% for m in messages %}{{ m.content }}{% endfor %}{{ eos_token }}", "<s>", "</s>")
            .ForTokenizer(addsBos: true, addsEos: true);
        Assert.Equal("Hi", chat.Apply(new JsonObject { ["messages"] = Messages(("user", "Hi")) }));
    }
}
