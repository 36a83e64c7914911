using Gantry.Models.ChatTemplates;
using Gantry.Server.Chat;

namespace Gantry.Server.Tests.Chat;

public sealed class GgufChatTemplateRendererTests
{
    [Fact]
    public void TryRender_ChatMlTemplate_RendersWithGenerationPrompt()
    {
        var template = ChatTemplate.Parse("{% for m in messages %}<|im_start|>{{ m.role }}\n{{ m.content }}<|im_end|>\n{% endfor %}{% if add_generation_prompt %}<|im_start|>assistant\n{% endif %}");
        var renderer = new GgufChatTemplateRenderer(template);
        Assert.True(renderer.TryRender([new ChatTurn("user", "Hi")], null, out var prompt, out var error));
        Assert.Null(error);
        Assert.Equal("<|im_start|>user\nHi<|im_end|>\n<|im_start|>assistant\n", prompt);
    }

    [Fact]
    public void TryRender_TemplateRaises_ReturnsFalseWithItsMessage()
    {
        var template = ChatTemplate.Parse("{% if messages[0].role != 'user' %}{{ raise_exception('Conversation must start with a user message') }}{% endif %}ok");
        var renderer = new GgufChatTemplateRenderer(template);
        Assert.False(renderer.TryRender([new ChatTurn("assistant", "Hi")], null, out _, out var error));
        Assert.Contains("must start with a user message", error!.Message);
        Assert.False(error.TemplateFault);
    }
}
