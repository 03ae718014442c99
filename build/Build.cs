// Placeholder until the build host lands.
class Build { static int Main() => 0; }
