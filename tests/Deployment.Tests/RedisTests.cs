using System.Text.RegularExpressions;

namespace TalentMesh.Deployment.Tests;

public partial class RedisTests
{
    [Theory]
    [MemberData(nameof(Overlays.All), MemberType = typeof(Overlays))]
    public void Redis_RunsWithAppendOnlyFileFsyncedEverySecond(string overlay)
    {
        var config = EffectiveConfig(Manifests.Render(overlay));

        Assert.Matches(Directive("appendonly", "yes"), config);
        Assert.Matches(Directive("appendfsync", "everysec"), config);
        Assert.Matches(Directive("maxmemory-policy", "noeviction"), config);
    }

    [Theory]
    [MemberData(nameof(Overlays.All), MemberType = typeof(Overlays))]
    public void Redis_KeepsItsDataOnAClaimedVolume(string overlay)
    {
        var manifests = Manifests.Render(overlay);
        var redis = manifests.Single("StatefulSet", "redis");
        var claim = Assert.Single(redis.Items("spec", "volumeClaimTemplates"));
        var container = Assert.Single(redis.Containers());
        var mount = Assert.Single(container.Items("volumeMounts"), m => m.Str("name") == claim.Name());

        Assert.Equal("1", redis.Str("spec", "replicas"));
        Assert.Matches(Directive("dir", Regex.Escape(mount.Str("mountPath")!)), EffectiveConfig(manifests));
        Assert.Equal("None", manifests.Single("Service", redis.Str("spec", "serviceName")!).Str("spec", "clusterIP"));
    }

    [Theory]
    [MemberData(nameof(Overlays.All), MemberType = typeof(Overlays))]
    public void Redis_RequiresThePasswordFromItsSecret(string overlay)
    {
        var container = Assert.Single(Manifests.Render(overlay).Single("StatefulSet", "redis").Containers());
        var args = string.Join(' ', container.At("command")!.AsArray().Concat(container.At("args")!.AsArray()));
        var password = Assert.Single(container.Items("env"), e => e.Str("name") == "REDIS_PASSWORD");

        Assert.Contains("--requirepass \"$REDIS_PASSWORD\"", args);
        Assert.Equal("talentmesh-redis", password.Str("valueFrom", "secretKeyRef", "name"));
        Assert.Contains("redis-cli", string.Join(' ', container.At("livenessProbe", "exec", "command")!.AsArray()));
        Assert.Contains("redis-cli", string.Join(' ', container.At("readinessProbe", "exec", "command")!.AsArray()));
    }

    /// <summary>redis-server's command line plus every ConfigMap the pod mounts.</summary>
    private static string EffectiveConfig(Manifests manifests)
    {
        var redis = manifests.Single("StatefulSet", "redis");
        var container = Assert.Single(redis.Containers());
        var commandLine = string.Join('\n', container.At("command")!.AsArray().Concat(container.At("args")!.AsArray()));
        var mounted = redis.Items("spec", "template", "spec", "volumes")
            .Select(v => v.Str("configMap", "name"))
            .OfType<string>()
            .SelectMany(name => manifests.Single("ConfigMap", name).Map("data").Values);
        return string.Join('\n', mounted.Prepend(commandLine.Replace("--", "\n")));
    }

    private static Regex Directive(string name, string value) =>
        new($@"(?m)^\s*{Regex.Escape(name)}\s+{value}\s*$");
}
