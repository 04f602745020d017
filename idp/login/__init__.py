"""The login journey: authentication means and the pending login that carries a protocol request through it."""
