using Adal.Features.Catalog;

namespace Adal.Features.Requests;

public sealed record RequestSummaryModel(RequestView View, ServiceDefinition? Service, string AttachmentBase);
