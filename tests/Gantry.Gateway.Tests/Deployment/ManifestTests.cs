using System.Text.Json.Serialization;
using Gantry.Server.Configuration;
using k8s;
using k8s.Models;

namespace Gantry.Gateway.Tests.Deployment;

/// <summary>
/// Every manifest under <c>deploy/</c> loaded with the KubernetesClient package's YAML loader into typed objects (the
/// InferencePool, a custom resource, as a generic object), and checked against what the server and gateway really do:
/// ports, probe paths, labels and selectors, and the names one manifest refers to in another.
/// </summary>
public sealed class ManifestTests
{
    private const string Name = "app.kubernetes.io/name";
    private const string Component = "app.kubernetes.io/component";

    private static readonly List<object> All = Load();

    private static List<object> Load()
    {
        var typeMap = new Dictionary<string, Type> { ["inference.networking.k8s.io/v1/InferencePool"] = typeof(GenericResource) };
        var objects = new List<object>();
        foreach (var file in Directory.GetFiles(Path.Combine(RepoRoot(), "deploy"), "*.yaml").Order(StringComparer.Ordinal))
            objects.AddRange(KubernetesYaml.LoadAllFromString(File.ReadAllText(file), typeMap));
        return objects;
    }

    private static string RepoRoot()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
            if (File.Exists(Path.Combine(dir.FullName, "Gantry.sln"))) return dir.FullName;
        throw new DirectoryNotFoundException("repository root (Gantry.sln) not found above " + AppContext.BaseDirectory);
    }

    private static V1Deployment Deployment(string component) =>
        All.OfType<V1Deployment>().Single(d => d.Spec.Template.Metadata.Labels[Component] == component);

    private static V1Container ContainerOf(V1Deployment d) => d.Spec.Template.Spec.Containers[0];

    private static int PortOf(V1Container c, IntOrString port) =>
        int.TryParse(port.Value, out var n) ? n : c.Ports.Single(p => p.Name == port.Value).ContainerPort;

    private static string Arg(V1Container c, string flag) => c.Args.Single(a => a.StartsWith(flag + "=", StringComparison.Ordinal))[(flag.Length + 1)..];

    private static bool Selects(IDictionary<string, string> selector, IDictionary<string, string> labels) =>
        selector.Count > 0 && selector.All(kv => labels.TryGetValue(kv.Key, out var v) && v == kv.Value);

    [Fact]
    public void EveryManifest_LoadsAsTypedObjects_AllLabelled()
    {
        Assert.Contains(All, o => o is V1Deployment);
        Assert.Contains(All, o => o is V1Service);
        Assert.Contains(All, o => o is V2HorizontalPodAutoscaler);
        Assert.Contains(All, o => o is V1PodDisruptionBudget);
        Assert.Contains(All, o => o is GenericResource { Kind: "InferencePool" });
        foreach (var o in All.Cast<IMetadata<V1ObjectMeta>>()) Assert.Equal("gantry", o.Metadata.Labels[Name]);
        foreach (var d in All.OfType<V1Deployment>())
        {
            Assert.True(Selects(d.Spec.Selector.MatchLabels, d.Spec.Template.Metadata.Labels), d.Metadata.Name);
            Assert.True(d.Spec.Template.Spec.SecurityContext.RunAsNonRoot, d.Metadata.Name);
        }
    }

    [Fact]
    public void Replica_ProbesAndPort_AgreeWithTheServer()
    {
        var d = Deployment("replica");
        var c = ContainerOf(d);
        Assert.Equal("serve", c.Args[0]);
        var port = int.Parse(Arg(c, "--port"), System.Globalization.CultureInfo.InvariantCulture);
        Assert.Equal(new ServerOptions().Port, port);
        Assert.Equal("0.0.0.0", Arg(c, "--host"));
        Assert.Equal(port, c.Ports.Single().ContainerPort);
        Assert.Equal("/ready", c.ReadinessProbe.HttpGet.Path);
        Assert.Equal(port, PortOf(c, c.ReadinessProbe.HttpGet.Port));
        Assert.Equal("/health", c.LivenessProbe.HttpGet.Path);
        Assert.Equal(port, PortOf(c, c.LivenessProbe.HttpGet.Port));
        // /ready sends a one-token probe that may wait up to ReadyProbeTimeout; the kubelet must wait longer.
        Assert.True(c.ReadinessProbe.TimeoutSeconds > new ServerOptions().ReadyProbeTimeout.TotalSeconds);
        Assert.True(d.Spec.Template.Spec.TerminationGracePeriodSeconds > int.Parse(Arg(c, "--drain-seconds"), System.Globalization.CultureInfo.InvariantCulture));
    }

    [Fact]
    public void Gateway_PortProbesAndReferences_AgreeWithTheOtherManifests()
    {
        var c = ContainerOf(Deployment("gateway"));
        Assert.Equal("gateway", c.Args[0]);
        var port = int.Parse(Arg(c, "--port"), System.Globalization.CultureInfo.InvariantCulture);
        Assert.Equal(new GatewayOptions().Port, port);
        Assert.Equal(port, c.Ports.Single().ContainerPort);
        Assert.Equal(("/ready", port), (c.ReadinessProbe.HttpGet.Path, PortOf(c, c.ReadinessProbe.HttpGet.Port)));
        Assert.Equal(("/health", port), (c.LivenessProbe.HttpGet.Path, PortOf(c, c.LivenessProbe.HttpGet.Port)));

        var dns = DnsReplicaSource.Parse(Arg(c, "--replicas-from"));
        var replicas = All.OfType<V1Service>().Single(s => s.Metadata.Name == dns.Name);
        Assert.Equal("None", replicas.Spec.ClusterIP); // headless: DNS lists every ready pod
        Assert.Equal(dns.Port, replicas.Spec.Ports.Single().Port);
        Assert.True(Selects(replicas.Spec.Selector, Deployment("replica").Spec.Template.Metadata.Labels));

        var redis = Arg(c, "--redis").Split(':');
        var redisService = All.OfType<V1Service>().Single(s => s.Metadata.Name == redis[0]);
        Assert.Equal(int.Parse(redis[1], System.Globalization.CultureInfo.InvariantCulture), redisService.Spec.Ports.Single().Port);
        Assert.Contains(Arg(c, "--redis-failure"), new[] { "open", "closed" });
        Assert.NotNull(Arg(c, "--state-dir"));
    }

    [Fact]
    public void Services_SelectADeployment_AndTargetItsPort()
    {
        // Pods come from Deployments, and from the pipeline workers' StatefulSet.
        var templates = All.OfType<V1Deployment>().Select(d => d.Spec.Template).Concat(All.OfType<V1StatefulSet>().Select(s => s.Spec.Template)).ToList();
        foreach (var s in All.OfType<V1Service>())
        {
            var t = templates.Single(t => Selects(s.Spec.Selector, t.Metadata.Labels));
            foreach (var p in s.Spec.Ports)
            {
                var target = p.TargetPort?.Value ?? p.Port.ToString(System.Globalization.CultureInfo.InvariantCulture);
                Assert.Contains(t.Spec.Containers[0].Ports, cp => cp.Name == target || cp.ContainerPort.ToString(System.Globalization.CultureInfo.InvariantCulture) == target);
            }
        }
    }

    [Fact]
    public void AutoscalerAndDisruptionBudgets_TargetTheReplicas()
    {
        var replica = Deployment("replica");
        var hpa = All.OfType<V2HorizontalPodAutoscaler>().Single();
        Assert.Equal((replica.Kind, replica.Metadata.Name), (hpa.Spec.ScaleTargetRef.Kind, hpa.Spec.ScaleTargetRef.Name));
        Assert.Equal("gantry_num_requests_waiting", hpa.Spec.Metrics.Single().Pods.Metric.Name); // the queue gauge every replica exports
        Assert.True(hpa.Spec.MinReplicas >= 2 && hpa.Spec.MaxReplicas > hpa.Spec.MinReplicas);
        foreach (var pdb in All.OfType<V1PodDisruptionBudget>())
            Assert.Single(All.OfType<V1Deployment>(), d => Selects(pdb.Spec.Selector.MatchLabels, d.Spec.Template.Metadata.Labels));
        Assert.Contains(All.OfType<V1PodDisruptionBudget>(), p => Selects(p.Spec.Selector.MatchLabels, replica.Spec.Template.Metadata.Labels));
    }

    [Fact]
    public void InferencePool_SelectsTheReplicasOnTheirPort()
    {
        var pool = All.OfType<GenericResource>().Single(r => r.Kind == "InferencePool");
        var spec = pool.Spec!;
        var matchLabels = ((IDictionary<object, object>)((IDictionary<object, object>)spec["selector"])["matchLabels"])
            .ToDictionary(kv => (string)kv.Key, kv => (string)kv.Value);
        var replica = Deployment("replica");
        Assert.True(Selects(matchLabels, replica.Spec.Template.Metadata.Labels));
        var target = (IDictionary<object, object>)((IList<object>)spec["targetPorts"]).Single();
        Assert.Equal(ContainerOf(replica).Ports.Single().ContainerPort.ToString(System.Globalization.CultureInfo.InvariantCulture), target["number"].ToString());
        Assert.True(spec.ContainsKey("endpointPickerRef"));
    }

    [Fact]
    public void Dockerfile_IsMultiStageAndNonRoot()
    {
        var lines = File.ReadAllLines(Path.Combine(RepoRoot(), "Dockerfile"));
        Assert.True(lines.Count(l => l.StartsWith("FROM ", StringComparison.Ordinal)) >= 2);
        Assert.Contains(lines, l => l.StartsWith("COPY --from=build", StringComparison.Ordinal));
        var user = lines.Last(l => l.StartsWith("USER ", StringComparison.Ordinal));
        Assert.DoesNotContain("root", user, StringComparison.Ordinal);
        Assert.Contains("gantry.dll", lines.Single(l => l.StartsWith("ENTRYPOINT", StringComparison.Ordinal)), StringComparison.Ordinal);
    }

    /// <summary>The pipeline leader names one worker per StatefulSet replica, through the workers' headless Service, in stage order.</summary>
    [Fact]
    public void Pipeline_LeaderListsEveryWorkerStage_AndWaitsForThemOnReady()
    {
        var workers = All.OfType<V1StatefulSet>().Single(s => s.Spec.Template.Metadata.Labels[Component] == "pp-worker");
        var service = All.OfType<V1Service>().Single(s => s.Metadata.Name == workers.Spec.ServiceName);
        Assert.Equal("None", service.Spec.ClusterIP);
        Assert.True(Selects(service.Spec.Selector, workers.Spec.Template.Metadata.Labels));
        var worker = workers.Spec.Template.Spec.Containers[0];
        Assert.Equal("worker", worker.Args[0]);
        var replicas = workers.Spec.Replicas!.Value;
        Assert.EndsWith("/" + replicas, Arg(worker, "--stage"), StringComparison.Ordinal);
        var port = int.Parse(Arg(worker, "--port"), System.Globalization.CultureInfo.InvariantCulture);

        var leader = ContainerOf(Deployment("pp-leader"));
        var urls = Arg(leader, "--pipeline-workers").Split(',');
        Assert.Equal(replicas, urls.Length);
        for (var i = 0; i < replicas; i++) Assert.Equal($"http://{workers.Metadata.Name}-{i}.{service.Metadata.Name}:{port}", urls[i]);
        Assert.Equal("/ready", leader.ReadinessProbe.HttpGet.Path);
    }
}

/// <summary>A custom resource as a generic object: typed metadata, the spec as YAML maps and lists.</summary>
public sealed class GenericResource : IKubernetesObject<V1ObjectMeta>
{
    [JsonPropertyName("apiVersion")] public string ApiVersion { get; set; } = "";
    [JsonPropertyName("kind")] public string Kind { get; set; } = "";
    [JsonPropertyName("metadata")] public V1ObjectMeta Metadata { get; set; } = new();
    [JsonPropertyName("spec")] public Dictionary<string, object>? Spec { get; set; }
}
