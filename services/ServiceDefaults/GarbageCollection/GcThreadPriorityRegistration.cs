using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using TalentMesh.ServiceDefaults.Hosting;

namespace TalentMesh.ServiceDefaults.GarbageCollection;

public static class GcThreadPriorityRegistration
{
    /// <summary>Raises the server GC threads' priority where the process may (see <see cref="GcThreadPriority"/>).</summary>
    public static IHostApplicationBuilder AddGcThreadPriority(this IHostApplicationBuilder builder)
    {
        builder.Services.AddValidatedOptions<GcThreadPriorityOptions>(builder.Configuration, GcThreadPriorityOptions.Section);
        builder.Services.AddHostedService<GcThreadPriority>();
        return builder;
    }
}
