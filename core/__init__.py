"""App-free machinery every PeerWell app may use; it imports no PeerWell app."""
