namespace Gantry.Engine.Sampling;

/// <summary>
/// Divides every candidate's logit by the temperature (&gt; 0). Runs after the filters, as in llama.cpp,
/// so top-p and min-p judge the model's own distribution; dividing by a positive number keeps the order.
/// Temperature 0 never reaches here: the sampler picks the argmax instead.
/// </summary>
public sealed class TemperatureScaler(float temperature) : ILogitsProcessor
{
    public string Name => "temperature";

    public float Temperature { get; } = temperature;

    public void Apply(CandidateSet candidates)
    {
        if (Temperature == 1f)
            return;
        foreach (ref var c in candidates.Items)
            c.Logit /= Temperature;
    }
}
