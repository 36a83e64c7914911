namespace Gantry.Gateway.Replicas;

/// <summary>One scrape of a replica's load gauges (summed over its models; KV use is the fullest model's).</summary>
public sealed record ReplicaLoad(double Waiting, double Running, double KvUsage)
{
    public static readonly ReplicaLoad Unknown = new(0, 0, 0);

    /// <summary>Requests the replica holds, queued or running.</summary>
    public double Requests => Waiting + Running;
}
