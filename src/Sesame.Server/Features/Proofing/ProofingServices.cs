using Microsoft.Extensions.Options;
using Sesame.Core.Identity;
using Sesame.Core.Privacy;
using Sesame.Registries;
using Sesame.Registries.Simulator;
using Sesame.Server.Infrastructure;

namespace Sesame.Server.Features.Proofing;

/// <summary>The identification process's services: the registries' adapters, the encryption of what is kept, the limits.</summary>
public static class ProofingServices
{
    public static IServiceCollection AddSesameProofing(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddOptions<ProofingSettings>().Bind(configuration.GetSection(ProofingSettings.Section)).ValidateOnStart();
        services.AddSingleton<IValidateOptions<ProofingSettings>, ProductionSafety>();
        services.AddSingleton(sp => sp.GetRequiredService<IOptions<ProofingSettings>>().Value);
        services.AddSingleton(sp => new PersonalDataProtector(sp.GetRequiredService<IOptions<SecretsOptions>>().Value.ParsePersonalDataKeys()));
        services.AddScoped<ProofingLimits>();
        services.AddScoped<PersonalDataRotation>();
        services.AddScoped<IdentityBinding>();
        services.AddScoped<ProofingWorkflow>();
        services.AddScoped<Reidentification>();
        services.AddSesameRegistries(configuration.GetSection("Registries"));
        if (configuration.GetValue<bool>($"{ProofingSettings.Section}:{nameof(ProofingSettings.MountSimulator)}"))
        {
            services.AddRegistrySimulator(configuration);
        }

        return services;
    }
}
