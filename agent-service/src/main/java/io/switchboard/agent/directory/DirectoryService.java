package io.switchboard.agent.directory;

import java.time.Instant;
import java.util.Arrays;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.stream.Collectors;

import jakarta.enterprise.context.ApplicationScoped;

import io.quarkus.hibernate.reactive.panache.common.WithSession;
import io.quarkus.hibernate.reactive.panache.common.WithTransaction;
import io.smallrye.mutiny.Uni;
import io.switchboard.agent.api.ApiErrors;
import io.switchboard.messaging.http.ApiException;
import io.switchboard.messaging.http.InputBounds;
import io.switchboard.events.AgentPresence;
import io.switchboard.events.Channel;

/** Creates, changes and removes agents; each change publishes the agent's full state through the outbox. */
@ApplicationScoped
public class DirectoryService {

    private static final String CHANNELS = Arrays.stream(Channel.values()).map(Channel::wireName)
            .collect(Collectors.joining(", "));

    private final AgentStates states;

    public DirectoryService(AgentStates states) {
        this.states = states;
    }

    @WithTransaction
    public Uni<AgentView> create(AgentProfile profile) {
        checkProfile(profile);
        String id = profile.id() == null ? UUID.randomUUID().toString() : profile.id();
        return Agent.<Agent>findById(id).flatMap(existing -> {
            if (existing != null) {
                throw ApiException.conflict("agent_exists", "an agent with id " + id + " already exists");
            }
            Instant now = Instant.now();
            Agent agent = new Agent();
            agent.id = id;
            apply(agent, profile);
            agent.active = true;
            agent.presence(AgentPresence.OFFLINE, null, null, now);
            return agent.<Agent>persist().flatMap(persisted -> states.changed(agent, now));
        }).map(AgentView::of);
    }

    /** @param ifMatch the version the supervisor last read; null to replace whatever is current */
    @WithTransaction
    public Uni<AgentView> update(String id, AgentProfile profile, Long ifMatch) {
        if (profile.id() != null && !profile.id().equals(id)) {
            throw ApiException.badRequest("id_mismatch", "the body's id " + profile.id() + " is not the path's " + id);
        }
        checkProfile(profile);
        return states.findActive(id).flatMap(agent -> {
            if (ifMatch != null && ifMatch != agent.version) {
                throw ApiException.conflict(ApiErrors.VERSION_CONFLICT, "agent " + id + " is at version "
                        + agent.version + ", not " + ifMatch + ": it was changed since you read it");
            }
            apply(agent, profile);
            return states.changed(agent, Instant.now());
        }).map(AgentView::of);
    }

    /** Removal is {@code active: false}, published with a version, so every reader of the agents topic sees it. */
    @WithTransaction
    public Uni<Void> remove(String id) {
        return states.find(id).flatMap(agent -> {
            if (!agent.active) {
                return Uni.createFrom().voidItem();
            }
            Instant now = Instant.now();
            agent.active = false;
            agent.presence(AgentPresence.OFFLINE, null, null, now);
            return states.changed(agent, now).replaceWithVoid();
        });
    }

    @WithSession
    public Uni<AgentView> get(String id) {
        return states.find(id).map(AgentView::of);
    }

    @WithSession
    public Uni<List<AgentView>> list(boolean includeRemoved) {
        return (includeRemoved ? Agent.<Agent>listAll() : Agent.<Agent>list("active", true))
                .map(agents -> agents.stream().sorted(AgentStates.byId()).map(AgentView::of).toList());
    }

    private static void apply(Agent agent, AgentProfile profile) {
        agent.displayName = profile.displayName().strip();
        agent.languages = List.copyOf(profile.languages());
        Map<String, Integer> skills = new LinkedHashMap<>();
        profile.skills().forEach(level -> skills.put(level.skill(), level.proficiency()));
        agent.skills = skills;
        agent.capacity = new LinkedHashMap<>(profile.capacity());
    }

    /** What Bean Validation cannot say: channels must exist, a skill appears once, the languages fit their column. */
    private static void checkProfile(AgentProfile profile) {
        // One varchar(255) column holds the tags joined with commas (LanguagesConverter).
        InputBounds.require("languages", String.join(",", profile.languages()), InputBounds.ID);
        for (String channel : profile.capacity().keySet()) {
            boolean known = Arrays.stream(Channel.values()).anyMatch(c -> c.wireName().equals(channel));
            if (!known) {
                throw ApiException.badRequest("unknown_channel",
                        "capacity names unknown channel '" + channel + "'; channels are " + CHANNELS);
            }
        }
        Set<String> seen = new HashSet<>();
        for (SkillLevel level : profile.skills()) {
            if (!seen.add(level.skill())) {
                throw ApiException.badRequest("duplicate_skill", "skill '" + level.skill() + "' is listed twice");
            }
        }
    }
}
