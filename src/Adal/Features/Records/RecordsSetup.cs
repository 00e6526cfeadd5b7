using Adal.Features.Records.Csv;

namespace Adal.Features.Records;

public static class RecordsSetup
{
    public static IServiceCollection AddRecords(this IServiceCollection services)
    {
        services.AddSingleton<UniversityDate>();
        services.AddScoped<Gradebook>();
        services.AddScoped<GradeChanges>();
        services.AddScoped<RecordImporter>();
        services.AddScoped<RecordDocuments>();
        return services;
    }
}
