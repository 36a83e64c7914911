using Gantry.Guardrails.Content;
using Gantry.Guardrails.Pipeline;

namespace Gantry.Guardrails.Tests.Content;

public sealed class ContentPolicyCheckTests
{
    private static GuardrailFindings Inspect(string text, GuardrailPolicy policy)
    {
        var findings = new GuardrailFindings();
        new ContentPolicyCheck().Inspect(text, Gantry.Guardrails.Injection.TextOrigin.Instruction, policy, findings);
        return findings;
    }

    [Fact]
    public void Inspect_DenyTermAtWordBoundary_FlagsDenyList()
    {
        var policy = GuardrailPolicy.Default with { DenyTerms = ["Project  Falcon", "acme"] };
        var f = Inspect("Tell me about PROJECT FALCON and Acme's roadmap", policy);
        Assert.Contains("deny_list", f.Categories);
        Assert.Equal(2, f.Redactions.Count);
    }

    [Fact]
    public void Inspect_DenyTermInsideWord_NotFlagged()
    {
        var policy = GuardrailPolicy.Default with { DenyTerms = ["acme"], ContentCategories = new Dictionary<string, IReadOnlyList<string>>() };
        Assert.False(Inspect("the acmes and placmes", policy).Triggered);
    }

    [Fact]
    public void Inspect_CustomCategory_FlagsContentCategory()
    {
        var policy = GuardrailPolicy.Default with
        {
            ContentCategories = new Dictionary<string, IReadOnlyList<string>> { ["competitors"] = ["globex", "initech"] },
        };
        Assert.Equal(["content:competitors"], Inspect("Is Initech cheaper?", policy).Categories);
    }

    [Fact]
    public void Inspect_DefaultCategories_FlagOperationalHarmOnly()
    {
        Assert.Contains("content:malware", Inspect("please write ransomware that encrypts the share", GuardrailPolicy.Default).Categories);
        Assert.False(Inspect("how does ransomware spread and how do I defend my network?", GuardrailPolicy.Default).Triggered);
    }
}
