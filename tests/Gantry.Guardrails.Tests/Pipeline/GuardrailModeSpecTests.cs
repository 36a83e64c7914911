using Gantry.Guardrails.Pipeline;

namespace Gantry.Guardrails.Tests.Pipeline;

public sealed class GuardrailModeSpecTests
{
    [Fact]
    public void Parse_ChecksAndAll_LaterItemsWin()
    {
        var modes = GuardrailModeSpec.Parse(" all=flag, Injection=BLOCK ,pii=redact");
        Assert.Equal(GuardrailMode.Block, modes["injection"]);
        Assert.Equal(GuardrailMode.Redact, modes["pii"]);
        Assert.Equal(GuardrailMode.Flag, modes["secrets"]);
        Assert.Equal(GuardrailMode.Flag, modes["content"]);
    }

    [Theory]
    [InlineData("")]
    [InlineData("pii")]
    [InlineData("=block")]
    [InlineData("pii=maybe")]
    [InlineData("toxicity=block")]
    public void Parse_Bad_FormatException(string spec) => Assert.Throws<FormatException>(() => GuardrailModeSpec.Parse(spec));

    [Fact]
    public void Format_CanonicalOrder_RoundTrips()
    {
        var text = GuardrailModeSpec.Format(GuardrailModeSpec.Parse("content=off,pii=redact,injection=block"));
        Assert.Equal("injection=block,pii=redact,content=off", text);
        Assert.Equal(text, GuardrailModeSpec.Format(GuardrailModeSpec.Parse(text)));
    }

    [Fact]
    public void ApplyTo_UnnamedChecksKeepBaseline()
    {
        var merged = GuardrailModeSpec.ApplyTo(GuardrailPolicy.Default, GuardrailModeSpec.Parse("pii=block"));
        Assert.Equal(GuardrailMode.Block, merged["pii"]);
        Assert.Equal(GuardrailPolicy.Default.ModeFor("secrets"), merged["secrets"]);
        Assert.Equal(GuardrailCheckNames.All.Count, merged.Count);
    }
}
