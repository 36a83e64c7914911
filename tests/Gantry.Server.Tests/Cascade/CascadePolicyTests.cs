using Gantry.Server.Cascade;
using Gantry.Server.Configuration;

namespace Gantry.Server.Tests.Cascade;

public sealed class CascadePolicyTests
{
    private static CascadeSignals Confident(double meanLogProb) => new(meanLogProb, FormatValid: null, GuardrailFired: false, Failed: false);

    [Theory]
    [InlineData(-0.2, -1.0, false)]
    [InlineData(-1.0, -1.0, false)] // exactly at the threshold: confident enough
    [InlineData(-1.0000001, -1.0, true)]
    [InlineData(-3.5, -1.0, true)]
    [InlineData(0.0, 0.5, true)] // a threshold above 0 always escalates
    [InlineData(-50.0, double.NegativeInfinity, false)]
    public void Decide_MeanLogProbAgainstThreshold(double meanLogProb, double threshold, bool escalates) =>
        Assert.Equal(escalates ? EscalationReason.LowConfidence : EscalationReason.None, CascadePolicy.Decide(Confident(meanLogProb), threshold));

    [Fact]
    public void Decide_NoTokens_IsLowConfidence() =>
        Assert.Equal(EscalationReason.LowConfidence, CascadePolicy.Decide(Confident(double.NaN), double.NegativeInfinity));

    [Fact]
    public void Decide_CraftedConfidences_EscalatedShareFollowsTheThreshold()
    {
        // 1,000 crafted answers with mean log-probabilities spread over [-4, 0): the escalated share is the share below the threshold.
        var random = new Random(19);
        var means = Enumerable.Range(0, 1000).Select(_ => -4 * random.NextDouble()).ToArray();
        foreach (var threshold in new[] { -3.0, -2.0, -0.5 })
        {
            var escalated = means.Count(m => CascadePolicy.Decide(Confident(m), threshold) != EscalationReason.None);
            Assert.Equal(means.Count(m => m < threshold), escalated);
        }
    }

    [Fact]
    public void Decide_FormatGuardrailAndFailure_EscalateWhateverTheConfidence()
    {
        Assert.Equal(EscalationReason.InvalidFormat, CascadePolicy.Decide(new CascadeSignals(-0.01, false, false, false), -5));
        Assert.Equal(EscalationReason.None, CascadePolicy.Decide(new CascadeSignals(-0.01, true, false, false), -5));
        Assert.Equal(EscalationReason.Guardrail, CascadePolicy.Decide(new CascadeSignals(-0.01, true, true, false), -5));
        Assert.Equal(EscalationReason.Error, CascadePolicy.Decide(new CascadeSignals(-0.01, false, true, true), -5));
    }

    [Theory]
    [InlineData(EscalationReason.LowConfidence, "low_confidence")]
    [InlineData(EscalationReason.InvalidFormat, "invalid_format")]
    [InlineData(EscalationReason.Guardrail, "guardrail")]
    [InlineData(EscalationReason.Error, "error")]
    public void Name_IsTheWireName(EscalationReason reason, string name) => Assert.Equal(name, CascadePolicy.Name(reason));

    [Fact]
    public void Parse_NameSmallLarge_AndOptionalThreshold()
    {
        Assert.Equal(new CascadeSpec("c", "s", "l"), CascadeSpec.Parse("c=s,l"));
        Assert.Equal(new CascadeSpec("c", "s", "l", -0.75), CascadeSpec.Parse("c=s,l,-0.75"));
    }

    [Theory]
    [InlineData("c=s")]
    [InlineData("=s,l")]
    [InlineData("c=s,")]
    [InlineData("c=s,l,x")]
    [InlineData("c=s,l,NaN")]
    [InlineData("c:d=s,l")]
    public void Parse_Malformed_Throws(string text) => Assert.Throws<ArgumentException>(() => CascadeSpec.Parse(text));

    [Fact]
    public void Validator_CascadeOverUnservedModelOrTakenName_IsAProblem()
    {
        var options = ServerFixture.Options(1024, new ModelSpec(Gantry.TestSupport.SharedModels.Stories260K, "small"));
        Assert.Empty(ServerOptionsValidator.Problems(options with { Cascades = [new CascadeSpec("c", "small", "small")] }));
        var problems = ServerOptionsValidator.Problems(options with { Cascades = [new CascadeSpec("c", "small", "big"), new CascadeSpec("small", "small", "small")] });
        Assert.Contains(problems, p => p.Option == "Cascades" && p.Message.Contains("'big', which is not a served model"));
        Assert.Contains(problems, p => p.Option == "Cascades" && p.Message.Contains("also a served model's name"));
        Assert.Contains(ServerOptionsValidator.Problems(options with { CascadeMinMeanLogProb = double.NaN }), p => p.Option == "CascadeMinMeanLogProb");
    }
}
