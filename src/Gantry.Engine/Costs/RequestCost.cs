namespace Gantry.Engine.Costs;

/// <summary>
/// What one request (or a sum of requests) cost: arithmetic, memory traffic, CPU time, energy, carbon and price.
/// Plain numbers that add: the total of many requests is the sum of their costs (see <see cref="op_Addition"/>).
/// </summary>
/// <param name="Flops">Floating-point operations of the forward passes (see <see cref="CostModel.Flops"/>).</param>
/// <param name="BytesRead">Weight bytes (this request's share of each step) plus KV-cache bytes read.</param>
/// <param name="CpuSeconds">CPU time the engine spent on the request's steps (its share of shared steps).</param>
/// <param name="Joules">Energy: <see cref="CpuSeconds"/> × the configured watts.</param>
/// <param name="GramsCo2e">Carbon: the energy in kWh × the configured grid intensity (gCO₂e/kWh).</param>
/// <param name="Price">The price table's charge for the prompt and completion tokens (in the table's currency).</param>
public readonly record struct RequestCost(double Flops, double BytesRead, double CpuSeconds, double Joules, double GramsCo2e, double Price)
{
    public static RequestCost operator +(RequestCost a, RequestCost b) => new(
        a.Flops + b.Flops, a.BytesRead + b.BytesRead, a.CpuSeconds + b.CpuSeconds,
        a.Joules + b.Joules, a.GramsCo2e + b.GramsCo2e, a.Price + b.Price);
}
