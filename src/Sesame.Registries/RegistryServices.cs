using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Http.Resilience;
using Microsoft.Extensions.Options;
using Polly;

namespace Sesame.Registries;

public static class RegistryServices
{
    /// <summary>
    /// The three registries' adapters, configured from <c>Registries:RevenuQuebec|Ramq|Saaq</c>, each behind
    /// a named HttpClient with explicit timeouts: a total timeout around retries (2, exponential with jitter,
    /// on transient failures), a circuit breaker, and a timeout per attempt (architecture.md: "typed HttpClient
    /// + Microsoft.Extensions.Http.Resilience, explicit timeouts per registry").
    /// </summary>
    public static IServiceCollection AddSesameRegistries(this IServiceCollection services, IConfiguration registries)
    {
        services.AddSingleton<IValidateOptions<RegistryOptions>, ValidateRegistryOptions>();
        foreach (var name in new[] { RevenuQuebecRegistry.Name, RamqRegistry.Name, SaaqRegistry.Name })
        {
            services.AddOptions<RegistryOptions>(name).Bind(registries.GetSection(name)).ValidateOnStart();
            services.AddHttpClient(name, (sp, http) =>
                {
                    var options = sp.GetRequiredService<IOptionsMonitor<RegistryOptions>>().Get(name);
                    http.BaseAddress = options.BaseAddress;
                    // The resilience pipeline owns the timing; HttpClient's own 100 s must not cut in first.
                    http.Timeout = Timeout.InfiniteTimeSpan;
                })
                .AddResilienceHandler(name, (pipeline, context) =>
                {
                    var options = context.ServiceProvider.GetRequiredService<IOptionsMonitor<RegistryOptions>>().Get(name);
                    // Waiting on a network is real time, whatever clock the rest of the host runs on (tests fake it).
                    pipeline.TimeProvider = TimeProvider.System;
                    pipeline
                        .AddTimeout(options.TotalTimeout)
                        .AddRetry(new HttpRetryStrategyOptions
                        {
                            MaxRetryAttempts = 2,
                            BackoffType = DelayBackoffType.Exponential,
                            UseJitter = true,
                            Delay = TimeSpan.FromMilliseconds(200),
                        })
                        .AddCircuitBreaker(new HttpCircuitBreakerStrategyOptions
                        {
                            FailureRatio = 0.5,
                            MinimumThroughput = 20,
                            SamplingDuration = TimeSpan.FromSeconds(30),
                            BreakDuration = TimeSpan.FromSeconds(15),
                        })
                        .AddTimeout(options.AttemptTimeout);
                });
        }

        services.AddSingleton<RegistryClient>();
        services.AddSingleton<IRevenuQuebecRegistry, RevenuQuebecRegistry>();
        services.AddSingleton<IRamqRegistry, RamqRegistry>();
        services.AddSingleton<ISaaqRegistry, SaaqRegistry>();
        return services;
    }
}
