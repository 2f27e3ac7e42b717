namespace TalentMesh.Deployment.Tests;

/// <summary>The kustomizations every structural test runs against.</summary>
public static class Overlays
{
    public const string Base = "k8s/base";
    public const string Dev = "k8s/overlays/dev";
    public const string Prod = "k8s/overlays/prod";

    public static readonly TheoryData<string> All = new(Base, Dev, Prod);

    /// <summary>The app ids, which are also Deployment names and consumer groups.</summary>
    public static readonly string[] AppIds = ["registration", "evaluation", "redemption"];

    /// <summary>Secrets the manifests may reference; k8s/create-secrets.sh creates exactly these.</summary>
    public static readonly string[] DocumentedSecrets =
        ["talentmesh-redis", "talentmesh-registration-secrets", "talentmesh-app-api-token", "talentmesh-backoffice-oidc"];

    /// <summary>The back-office console's Deployment (no Dapr sidecar).</summary>
    public const string Console = "backoffice";
}
