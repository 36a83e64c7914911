using Gantry.Engine.Sampling;
using static Gantry.Engine.Tests.Sampling.SamplingTestHelpers;

namespace Gantry.Engine.Tests.Sampling;

public class TemperatureScalerTests
{
    [Fact]
    public void Apply_TemperatureTwo_HalvesLogitsKeepsOrder()
    {
        var set = Load(2f, -4f, float.NegativeInfinity);
        new TemperatureScaler(2f).Apply(set);
        Assert.Equal([1f, -2f, float.NegativeInfinity], set.Items.ToArray().Select(c => c.Logit));
        Assert.True(set.IsIdentityOrder);
    }
}
