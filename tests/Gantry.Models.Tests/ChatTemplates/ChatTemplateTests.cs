using Gantry.Models.ChatTemplates;
using Gantry.Models.Gguf;

namespace Gantry.Models.Tests.ChatTemplates;

/// <summary>
/// The public API end to end, with expected prompts copied from llama.cpp's tests/test-chat-template.cpp (its Jinja
/// expectations, conversation with a system prompt) and from mistral.rs's tests (generated with transformers).
/// </summary>
public sealed class ChatTemplateTests
{
    private static GgufMetadata Metadata(string? chatTemplate) =>
        new(chatTemplate is null ? [] : [new(ChatTemplate.GgufKey, new GgufValue(GgufValueType.String, chatTemplate))]);

    [Fact]
    public void Render_ChatML_MatchesLlamaCpp()
    {
        var chat = TemplateFiles.Load("chatml-openhermes");
        Assert.Equal(
            "<|im_start|>system\nYou are a helpful assistant<|im_end|>\n<|im_start|>user\nHello<|im_end|>\n<|im_start|>assistant\nHi there<|im_end|>\n<|im_start|>user\nWho are you<|im_end|>\n<|im_start|>assistant\n   I am an assistant   <|im_end|>\n<|im_start|>user\nAnother question<|im_end|>\n<|im_start|>assistant\n",
            chat.Render(TemplateFiles.Conversation, addGenerationPrompt: true));
    }

    [Fact]
    public void Render_Llama3_MatchesLlamaCpp()
    {
        var chat = TemplateFiles.Load("llama3-llamacpp");
        Assert.Equal(
            "<|start_header_id|>system<|end_header_id|>\n\nYou are a helpful assistant<|eot_id|><|start_header_id|>user<|end_header_id|>\n\nHello<|eot_id|><|start_header_id|>assistant<|end_header_id|>\n\nHi there<|eot_id|><|start_header_id|>user<|end_header_id|>\n\nWho are you<|eot_id|><|start_header_id|>assistant<|end_header_id|>\n\nI am an assistant<|eot_id|><|start_header_id|>user<|end_header_id|>\n\nAnother question<|eot_id|><|start_header_id|>assistant<|end_header_id|>\n\n",
            chat.Render(TemplateFiles.Conversation, addGenerationPrompt: true));
    }

    [Fact]
    public void Render_Llama31_PutsDateHeaderInSystemTurn()
    {
        var chat = TemplateFiles.Load("llama-3.1-8b-instruct", "<|begin_of_text|>", "<|eot_id|>");
        var prompt = chat.Render(TemplateFiles.Conversation, addGenerationPrompt: true);
        Assert.StartsWith("<|begin_of_text|><|start_header_id|>system<|end_header_id|>\n\nCutting Knowledge Date: December 2023\nToday Date: 26 Jul 2024\n\nYou are a helpful assistant<|eot_id|>", prompt);
        Assert.EndsWith("<|start_header_id|>user<|end_header_id|>\n\nAnother question<|eot_id|><|start_header_id|>assistant<|end_header_id|>\n\n", prompt);
    }

    [Fact]
    public void Render_Llama2_MatchesTransformers()
    {
        var chat = TemplateFiles.Load("llama-2-13b-chat", "<s>", "</s>");
        Assert.Equal(
            "<s>[INST] <<SYS>>\nYou are a helpful assistant\n<</SYS>>\n\nHello [/INST] Hi there </s><s>[INST] Who are you [/INST] I am an assistant </s><s>[INST] Another question [/INST]",
            chat.Render(TemplateFiles.Conversation, addGenerationPrompt: true));
    }

    [Fact]
    public void Render_MistralV01_MatchesTransformers()
    {
        var chat = TemplateFiles.Load("mistral-7b-instruct-v0.1", "<s>", "</s>");
        Assert.Equal(
            "<s>[INST] Hello [/INST]Hi there</s> [INST] Who are you [/INST]   I am an assistant   </s> [INST] Another question [/INST]",
            chat.Render(TemplateFiles.WithoutSystem, addGenerationPrompt: true));
    }

    [Fact]
    public void Render_MistralV02_MatchesLlamaCpp()
    {
        var chat = TemplateFiles.Load("mistral-7b-instruct-v0.2", "", "</s>");
        Assert.Equal(
            "[INST] You are a helpful assistant\nHello [/INST]Hi there</s>[INST] Who are you [/INST]   I am an assistant   </s>[INST] Another question [/INST]",
            chat.Render(TemplateFiles.MergedSystem, addGenerationPrompt: true));
    }

    [Fact]
    public void Render_MistralV3_PutsSystemPromptInLastUserTurn()
    {
        var chat = TemplateFiles.Load("mistral-v3-large-2407", "", "</s>");
        Assert.Equal(
            "[INST] Hello[/INST] Hi there</s>[INST] Who are you[/INST] I am an assistant</s>[INST] You are a helpful assistant\n\nAnother question[/INST]",
            chat.Render(TemplateFiles.Conversation, addGenerationPrompt: true));
    }

    [Fact]
    public void Render_Gemma_MatchesLlamaCppAndTransformers()
    {
        Assert.Equal(
            "<start_of_turn>user\nYou are a helpful assistant\nHello<end_of_turn>\n<start_of_turn>model\nHi there<end_of_turn>\n<start_of_turn>user\nWho are you<end_of_turn>\n<start_of_turn>model\nI am an assistant<end_of_turn>\n<start_of_turn>user\nAnother question<end_of_turn>\n<start_of_turn>model\n",
            TemplateFiles.Load("gemma-7b-it-llamacpp").Render(TemplateFiles.MergedSystem, addGenerationPrompt: true));
        Assert.Equal(
            "<bos><start_of_turn>user\nHello<end_of_turn>\n<start_of_turn>model\nHi there<end_of_turn>\n<start_of_turn>user\nWho are you<end_of_turn>\n<start_of_turn>model\nI am an assistant<end_of_turn>\n<start_of_turn>user\nAnother question<end_of_turn>\n<start_of_turn>model\n",
            TemplateFiles.Load("gemma-7b-it", "<bos>", "<eos>").Render(TemplateFiles.WithoutSystem, addGenerationPrompt: true));
    }

    [Fact]
    public void Render_GemmaWithSystemRole_RaisesTemplatesOwnError()
    {
        var ex = Assert.Throws<ChatTemplateException>(() => TemplateFiles.Load("gemma-2-9b-it", "<bos>").Render(TemplateFiles.Conversation, true));
        Assert.True(ex.RaisedByTemplate);
        Assert.Equal("System role not supported", ex.Reason);
        Assert.Equal(1, ex.Line);
    }

    [Fact]
    public void Render_Phi3_MatchesLlamaCpp()
    {
        const string expected = "<|user|>\nYou are a helpful assistant\nHello<|end|>\n<|assistant|>\nHi there<|end|>\n<|user|>\nWho are you<|end|>\n<|assistant|>\n   I am an assistant   <|end|>\n<|user|>\nAnother question<|end|>\n<|assistant|>\n";
        Assert.Equal(expected, TemplateFiles.Load("phi-3-mini").Render(TemplateFiles.MergedSystem, true));
        Assert.Equal(expected, TemplateFiles.Load("phi-3-medium").Render(TemplateFiles.MergedSystem, true));
        Assert.Equal(
            "<|system|>\nYou are a helpful assistant<|end|>\n<|user|>\nHello<|end|>\n<|assistant|>\nHi there<|end|>\n<|user|>\nWho are you<|end|>\n<|assistant|>\n   I am an assistant   <|end|>\n<|user|>\nAnother question<|end|>\n<|assistant|>\n",
            TemplateFiles.Load("phi-3-small").Render(TemplateFiles.Conversation, true));
    }

    [Fact]
    public void Render_ZephyrAndTinyLlama_TrimBlocksRemoveTemplateNewlines()
    {
        const string expected = "<|system|>\nYou are a helpful assistant</s>\n<|user|>\nHello</s>\n<|assistant|>\nHi there</s>\n<|user|>\nWho are you</s>\n<|assistant|>\n   I am an assistant   </s>\n<|user|>\nAnother question</s>\n<|assistant|>\n";
        Assert.Equal(expected, TemplateFiles.Load("zephyr-7b-beta", "<s>", "</s>").Render(TemplateFiles.Conversation, true));
        Assert.Equal(expected, TemplateFiles.Load("tinyllama-1.1b-chat", "<s>", "</s>").Render(TemplateFiles.Conversation, true));
    }

    [Fact]
    public void Render_Qwen25_AddsDefaultSystemPrompt()
    {
        var chat = TemplateFiles.Load("qwen2.5-0.5b-instruct", "", "<|im_end|>");
        Assert.Equal(
            "<|im_start|>system\nYou are Qwen, created by Alibaba Cloud. You are a helpful assistant.<|im_end|>\n<|im_start|>user\nHello<|im_end|>\n<|im_start|>assistant\n",
            chat.Render([new("user", "Hello")], addGenerationPrompt: true));
    }

    [Fact]
    public void Render_NoGenerationPrompt_OmitsAssistantHeader()
    {
        var chat = TemplateFiles.Load("chatml-openhermes");
        Assert.Equal("<|im_start|>user\nHi<|im_end|>\n", chat.Render([new("user", "Hi")], addGenerationPrompt: false));
    }

    [Fact]
    public void Render_MessageContentWithTemplateSyntax_IsNotInterpreted()
    {
        var chat = TemplateFiles.Load("chatml-openhermes");
        Assert.Equal("<|im_start|>user\n{{ 7*7 }}{% if %}<|im_end|>\n", chat.Render([new("user", "{{ 7*7 }}{% if %}")], false));
    }

    [Fact]
    public void FromGguf_FileTemplate_UsedWithTokenizerBosEos()
    {
        var tokenizer = FakeTokenizer.With("<s>", "</s>");
        var chat = ChatTemplate.FromGguf(Metadata("{{ bos_token }}{% for m in messages %}{{ m.content }}{% endfor %}{{ eos_token }}"), tokenizer);
        Assert.Equal("gguf", chat.Name);
        Assert.Equal("<s>hi</s>", chat.Render([new("user", "hi")], true));
    }

    [Fact]
    public void FromGguf_BadFileTemplate_ThrowsWithPosition()
    {
        var ex = Assert.Throws<ChatTemplateException>(() => ChatTemplate.FromGguf(Metadata("ok\n{% if x %}no end"), FakeTokenizer.With("<s>", "</s>")));
        Assert.Equal(2, ex.Line);
        Assert.Contains("never closed", ex.Reason);
    }

    [Theory]
    [InlineData(new[] { "<|endoftext|>", "<|im_end|>", "<|im_start|>" }, BuiltInTemplates.ChatML)]
    [InlineData(new[] { "<|begin_of_text|>", "<|eot_id|>", "<|start_header_id|>", "<|end_header_id|>" }, BuiltInTemplates.Llama3)]
    [InlineData(new[] { "<s>", "</s>", "[INST]", "[/INST]" }, BuiltInTemplates.Mistral)]
    [InlineData(new[] { "<bos>", "<eos>", "<start_of_turn>", "<end_of_turn>" }, BuiltInTemplates.Gemma)]
    [InlineData(new[] { "<s>", "</s>" }, BuiltInTemplates.Plain)]
    [InlineData(new string[0], BuiltInTemplates.Plain)]
    public void FromGguf_NoTemplate_PicksBuiltInFromVocabulary(string[] specials, string expected)
    {
        var chat = ChatTemplate.FromGguf(Metadata(null), FakeTokenizer.With(specials));
        Assert.Equal(expected, chat.Name);
        Assert.NotEmpty(chat.Render(TemplateFiles.Conversation, true));
    }

    [Fact]
    public void FromGguf_EmptyTemplate_FallsBack()
    {
        var chat = ChatTemplate.FromGguf(Metadata("  "), FakeTokenizer.With("<|im_end|>", "<|im_start|>"));
        Assert.Equal(BuiltInTemplates.ChatML, chat.Name);
    }

    [Fact]
    public void BuiltIn_ChatML_SameAsRealTemplate()
    {
        var builtIn = BuiltInTemplates.Get(BuiltInTemplates.ChatML).Render(TemplateFiles.Conversation, true);
        Assert.Equal(TemplateFiles.Load("chatml-openhermes").Render(TemplateFiles.Conversation, true), builtIn);
    }

    [Fact]
    public void BuiltIn_Llama3_StartsWithBos()
    {
        var prompt = BuiltInTemplates.Get(BuiltInTemplates.Llama3, "<|begin_of_text|>", "<|eot_id|>").Render(TemplateFiles.Conversation, true);
        Assert.Equal("<|begin_of_text|>" + TemplateFiles.Load("llama3-llamacpp").Render(TemplateFiles.Conversation, true), prompt);
    }

    [Fact]
    public void BuiltIn_Llama2_SameAsRealTemplate()
    {
        var builtIn = BuiltInTemplates.Get(BuiltInTemplates.Llama2, "<s>", "</s>").Render(TemplateFiles.Conversation, true);
        Assert.Equal(TemplateFiles.Load("llama-2-13b-chat", "<s>", "</s>").Render(TemplateFiles.Conversation, true), builtIn);
    }

    [Fact]
    public void BuiltIn_Mistral_SameAsMistralV1Template()
    {
        var builtIn = BuiltInTemplates.Get(BuiltInTemplates.Mistral, "<s>", "</s>").Render(TemplateFiles.Conversation, true);
        Assert.Equal(TemplateFiles.Load("mistral-v1-system", "<s>", "</s>").Render(TemplateFiles.Conversation, true), builtIn);
    }

    [Fact]
    public void BuiltIn_Gemma_FoldsSystemIntoFirstUserTurn()
    {
        var prompt = BuiltInTemplates.Get(BuiltInTemplates.Gemma, "<bos>", "<eos>").Render(TemplateFiles.Conversation[..2], true);
        Assert.Equal("<bos><start_of_turn>user\nYou are a helpful assistant\n\nHello<end_of_turn>\n<start_of_turn>model\n", prompt);
    }

    [Fact]
    public void BuiltIn_Plain_RoleColonContent()
    {
        var prompt = BuiltInTemplates.Get(BuiltInTemplates.Plain).Render([new("system", "Be brief."), new("user", "Hi")], true);
        Assert.Equal("system: Be brief.\nuser: Hi\nassistant: ", prompt);
    }

    [Fact]
    public void BuiltIn_UnknownName_Throws() => Assert.Throws<ArgumentException>(() => BuiltInTemplates.Get("nope"));

    [Fact]
    public async Task Render_ManyThreads_SameOutput()
    {
        var chat = TemplateFiles.Load("llama-3.1-8b-instruct", "<|begin_of_text|>", "<|eot_id|>");
        var expected = chat.Render(TemplateFiles.Conversation, true);
        var results = await Task.WhenAll(Enumerable.Range(0, 16).Select(_ => Task.Run(() => chat.Render(TemplateFiles.Conversation, true))));
        Assert.All(results, r => Assert.Equal(expected, r));
    }
}
