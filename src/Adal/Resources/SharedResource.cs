namespace Adal.Resources;

/// <summary>Marker for SharedResource*.resx beside it: every string of the platform in kk, ru and en.</summary>
public sealed class SharedResource;
