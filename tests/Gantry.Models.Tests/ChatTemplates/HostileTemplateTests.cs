using System.Diagnostics;
using Gantry.Models.ChatTemplates;
using Gantry.Models.ChatTemplates.Jinja;

namespace Gantry.Models.Tests.ChatTemplates;

/// <summary>A GGUF's template is untrusted input: every way to hang, exhaust memory or overflow the stack must end
/// in a ChatTemplateException quickly.</summary>
public sealed class HostileTemplateTests
{
    private static readonly ChatMessage[] Messages = [new("user", "hi")];

    private static ChatTemplateException RenderFails(string source, RenderLimits? limits = null)
    {
        var chat = ChatTemplate.Parse(source);
        if (limits is not null) chat = chat.WithLimits(limits);
        var clock = Stopwatch.StartNew();
        var ex = Assert.Throws<ChatTemplateException>(() => chat.Render(Messages, true));
        Assert.True(clock.Elapsed < TimeSpan.FromSeconds(20), $"took {clock.Elapsed}");
        Assert.False(ex.RaisedByTemplate);
        return ex;
    }

    [Fact]
    public void Render_HugeRange_Refused() => Assert.Contains("range()", RenderFails("{% for i in range(10**12) %}x{% endfor %}").Reason);

    [Fact]
    public void Render_NestedLoopsBeyondStepBudget_Stopped() =>
        Assert.Contains("steps", RenderFails("{% for i in range(100000) %}{% for j in range(100000) %}{% endfor %}{% endfor %}", Small).Reason);

    [Fact]
    public void Render_TightStepLimit_Stopped() =>
        Assert.Contains("steps", RenderFails("{% for i in range(1000) %}{{ i }}{% endfor %}", RenderLimits.Default with { MaxSteps = 500 }).Reason);

    [Fact]
    public void Render_InfiniteMacroRecursion_Stopped() =>
        Assert.Contains("nested deeper", RenderFails("{% macro f(n) %}{{ f(n + 1) }}{% endmacro %}{{ f(0) }}").Reason);

    [Fact]
    public void Render_MutualRecursionWithWideBodies_Stopped() =>
        RenderFails("{% macro a(n) %}{% for i in range(3) %}{{ b(n) }}{% endfor %}{% endmacro %}{% macro b(n) %}{{ a(n) }}{% endmacro %}{{ a(0) }}");

    private static readonly RenderLimits Small = RenderLimits.Default with { MaxOutputChars = 1 << 20, MaxSteps = 200_000 };

    [Fact]
    public void Render_OutputBomb_Stopped() =>
        Assert.Contains("output exceeds", RenderFails("{% for i in range(100000) %}{{ 'x' * 1000 }}{% endfor %}", Small).Reason);

    [Fact]
    public void Render_OutputBombUnderDefaultLimits_Stopped() =>
        Assert.Contains("output exceeds", RenderFails("{% for i in range(100000) %}{{ 'x' * 10000 }}{% endfor %}").Reason);

    [Fact]
    public void Render_StringDoubling_Stopped() =>
        RenderFails("{% set ns = namespace(s='ab') %}{% for i in range(64) %}{% set ns.s = ns.s ~ ns.s %}{% endfor %}{{ ns.s | length }}");

    [Fact]
    public void Render_ListDoubling_Stopped() =>
        RenderFails("{% set ns = namespace(l=[1]) %}{% for i in range(64) %}{% set ns.l = ns.l + ns.l %}{% endfor %}{{ ns.l | length }}", Small);

    [Fact]
    public void Render_StringRepetitionBomb_Refused() => Assert.Contains("too large", RenderFails("{{ 'a' * 10**12 }}").Reason);

    [Fact]
    public void Render_ListRepetitionBomb_Refused() => Assert.Contains("too large", RenderFails("{{ ([1] * 10**12) | length }}").Reason);

    [Fact]
    public void Render_CapturedOutputBomb_Stopped() =>
        RenderFails("{% set big %}{% for i in range(100000) %}{{ 'y' * 1000 }}{% endfor %}{% endset %}{{ big | length }}", Small);

    [Fact]
    public void Render_ReplaceBomb_Stopped() =>
        RenderFails("{% set ns = namespace(s='a') %}{% for i in range(40) %}{% set ns.s = ns.s.replace('a', 'aa') %}{% endfor %}", Small);

    [Fact]
    public void Render_HugePower_Refused() => RenderFails("{{ 10 ** 100 }}");

    [Fact]
    public void Render_AfterLimitHit_TemplateStillUsable()
    {
        var chat = ChatTemplate.Parse("{% for m in messages %}{{ m.content }}{% endfor %}").WithLimits(RenderLimits.Default with { MaxOutputChars = 5 });
        Assert.Throws<ChatTemplateException>(() => chat.Render([new("user", "too long")], false));
        Assert.Equal("ok", chat.Render([new("user", "ok")], false));
    }

    [Fact]
    public void Render_DeepExpressionsInsideDeepMacroRecursion_NoStackOverflow()
    {
        // 190 nested parentheses per call × 50 nested macro calls, on a thread with a small stack.
        var inner = new string('(', 190) + "f(n + 1)" + new string(')', 190);
        var chat = ChatTemplate.Parse("{% macro f(n) %}{{ " + inner + " }}{% endmacro %}{{ f(0) }}");
        Exception? caught = null;
        var thread = new Thread(() =>
        {
            try { chat.Render([new("user", "x")], true); }
            catch (Exception e) { caught = e; }
        }, maxStackSize: 256 * 1024);
        thread.Start();
        thread.Join();
        Assert.IsType<ChatTemplateException>(caught);
    }

    [Fact]
    public void Render_SlowTemplate_StoppedByWallClock()
    {
        var limits = RenderLimits.Default with { MaxSteps = long.MaxValue, MaxDuration = TimeSpan.FromMilliseconds(50) };
        Assert.Contains("took longer than", RenderFails("{% for i in range(1000000) %}{% for j in range(1000) %}{% endfor %}{% endfor %}", limits).Reason);
    }

    // Nothing beyond the variables and the documented functions is reachable: Python's dunder escape routes and
    // Jinja's own globals are undefined, and tags that would read other files are refused with their line.
    [Theory]
    [InlineData("{{ ''.__class__ }}{{ messages.__class__ }}{{ raise_exception.__globals__ }}{% if messages.__class__ is defined %}leak{% endif %}")]
    [InlineData("{{ cycler }}{{ joiner }}{{ lipsum }}{{ self }}{{ config }}{{ request }}{{ os }}")]
    [InlineData("{{ messages[0].__init__ }}{{ namespace.__call__ }}{{ range.__self__ }}")]
    public void Render_EscapeAttempts_SeeNothing(string source) =>
        Assert.Equal("", ChatTemplate.Parse(source).Render(Messages, false));

    [Theory]
    [InlineData("hello\n{% include '/etc/passwd' %}", "include", 2)]
    [InlineData("{% import 'x.j2' as x %}", "import", 1)]
    [InlineData("{% extends 'base' %}", "extends", 1)]
    [InlineData("\n\n{% for x in y recursive %}{% endfor %}", "recursive", 3)]
    public void Parse_FileOrUnsupportedTags_TypedErrorNamingConstructAndLine(string source, string construct, int line)
    {
        var ex = Assert.Throws<ChatTemplateException>(() => ChatTemplate.Parse(source));
        Assert.Contains(construct, ex.Reason);
        Assert.Equal(line, ex.Line);
    }

    [Fact]
    public void Render_StrMethodsOnDunders_Refused() =>
        Assert.False(Assert.Throws<ChatTemplateException>(() => ChatTemplate.Parse("{{ ''.__class__() }}").Render(Messages, false)).RaisedByTemplate);
}
