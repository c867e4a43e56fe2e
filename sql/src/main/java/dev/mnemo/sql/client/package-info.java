/**
 * JDBC scaffolding both Mnemo drivers share: base classes that refuse every optional JDBC method with SQLState
 * {@code 0A000}, for the embedded driver ({@code dev.mnemo.sql.jdbc}) and the remote one ({@code dev.mnemo.sql.remote})
 * to override what they support. Nothing here may depend on the engine, Calcite or Chronicle Map: the thin client
 * jar carries this package.
 */
package dev.mnemo.sql.client;
