package dev.xreg.core.entity;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.xreg.core.model.Model;
import java.time.Instant;

/** The Registry entity with its model and capabilities. */
public record RegistryState(
    String registryid, long epoch, Instant createdat, Instant modifiedat, ObjectNode attributes, Model model,
    ObjectNode capabilities) {
}
