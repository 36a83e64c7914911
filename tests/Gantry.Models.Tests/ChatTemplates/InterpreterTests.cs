using Gantry.Models.ChatTemplates;

namespace Gantry.Models.Tests.ChatTemplates;

/// <summary>Runtime behaviour beyond the Jinja2 snippets: our deliberate choices and error reporting.</summary>
public sealed class InterpreterTests
{
    private static string Render(string source, params ChatMessage[] messages) => ChatTemplate.Parse(source, "<s>", "</s>").Render(messages, true);

    [Fact]
    public void Render_UndefinedVariable_EmptyAndFalsy() => Assert.Equal("[]no", Render("[{{ nope }}]{% if nope %}yes{% else %}no{% endif %}"));

    [Fact]
    public void Render_AttributeOfUndefined_ErrorAsInJinja2() =>
        Assert.Contains("is undefined", Assert.Throws<ChatTemplateException>(() => Render("{{ messages[0].tool_calls.function is defined }}", new ChatMessage("user", "x"))).Reason);

    [Fact]
    public void Render_AttributeOfMissing_IsUndefined() =>
        Assert.Equal("False", Render("{{ messages[0].tool_calls is defined }}", new ChatMessage("user", "x")));

    [Fact]
    public void Render_EmptyMessages_ItemOfMissingItemFails() =>
        Assert.Throws<ChatTemplateException>(() => Render("{% if messages[0]['role'] == 'system' %}sys{% else %}none{% endif %}"));

    [Fact]
    public void Render_ArithmeticOnUndefined_ThrowsWithPosition()
    {
        var ex = Assert.Throws<ChatTemplateException>(() => Render("ok\n{{ nope + 1 }}"));
        Assert.Equal((2, 9), (ex.Line, ex.Column));
        Assert.Contains("undefined", ex.Reason);
    }

    [Fact]
    public void Render_RaiseException_MarkedAsTemplateRaised()
    {
        var ex = Assert.Throws<ChatTemplateException>(() => Render("{% for m in messages %}{% if m.role == 'user' and loop.index0 % 2 != 0 %}{{ raise_exception('roles must alternate') }}{% endif %}{% endfor %}",
            new("user", "a"), new("user", "b")));
        Assert.True(ex.RaisedByTemplate);
        Assert.Equal("roles must alternate", ex.Reason);
        Assert.Equal(1, ex.Line);
    }

    [Fact]
    public void Render_CallingUndefined_NamesIt() =>
        Assert.Contains("'get_date' is undefined", Assert.Throws<ChatTemplateException>(() => Render("{{ get_date('%d') }}")).Reason);

    [Fact]
    public void Render_UnknownFilter_Throws() => Assert.Contains("unknown filter 'nope'", Assert.Throws<ChatTemplateException>(() => Render("{{ 1 | nope }}")).Reason);

    [Fact]
    public void Render_SetOnNonNamespace_Throws() => Assert.Throws<ChatTemplateException>(() => Render("{% set d = {} %}{% set d.x = 1 %}"));

    [Fact]
    public void Render_MessagesSeeRoleAndContent()
    {
        Assert.Equal("user:a|assistant:b|", Render("{% for m in messages %}{{ m.role }}:{{ m['content'] }}|{% endfor %}", new("user", "a"), new("assistant", "b")));
    }

    [Fact]
    public void Render_ToolsIsNoneAndDefined() => Assert.Equal("True True False", Render("{{ tools is defined }} {{ tools is none }} {{ tools is not none }}"));

    [Fact]
    public void Render_NonAsciiContent_PassesThrough() => Assert.Equal("héllo 你好 🙂", Render("{{ messages[0].content }}", new ChatMessage("user", "héllo 你好 🙂")));

    [Fact]
    public void Render_ToJsonNonAscii_KeptUnescaped() => Assert.Equal("\"é🙂\\u0001\"", Render("{{ messages[0].content | tojson }}", new ChatMessage("user", "é🙂\u0001")));

    [Fact]
    public void Render_NamespaceInitialisedFromDict() => Assert.Equal("1 2", Render("{% set ns = namespace({'a': 1}, b=2) %}{{ ns.a }} {{ ns.b }}"));

    [Fact]
    public void Render_MacroDefaultsAndVarargsIgnored() => Assert.Equal("x-y", Render("{% macro f(a, b='y') %}{{ a }}-{{ b }}{% endmacro %}{{ f('x') }}"));

    [Fact]
    public void Render_MacroTooManyArguments_Throws() => Assert.Throws<ChatTemplateException>(() => Render("{% macro f(a) %}{% endmacro %}{{ f(1, 2) }}"));

    [Fact]
    public void Render_StringFormatting_NotSupported() => Assert.Contains("not supported", Assert.Throws<ChatTemplateException>(() => Render("{{ '%s' % 1 }}")).Reason);
}
