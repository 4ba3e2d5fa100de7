package io.tickettriage;

import io.tickettriage.adapter.RouteReloadLock;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.locks.ReentrantLock;
import org.apache.camel.Route;
import org.apache.camel.model.Model;
import org.apache.camel.spi.Resource;
import org.apache.camel.support.RouteWatcherReloadStrategy;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Live reload of the route files under one directory: Camel's route watcher, which removes every route and template
 * and loads the files it is handed, with two additions.
 * <ul>
 * <li>It hands the watcher each file once: Camel 4.18.0 hands it a file once per route it holds (CAMEL-24866), so
 * that saving a Kamelet loaded a file with three routes three times and the reload failed on a duplicate id.</li>
 * <li>The desks' routes are made from templates ({@link DeskRoutes}), which Camel's watcher neither reloads unless
 * their file was saved nor makes routes from again: the files of those templates are handed along, and once they are
 * read the desks' routes are made again from them, as edited.</li>
 * </ul>
 */
final class RouteFileReloader extends RouteWatcherReloadStrategy {

    private static final Logger LOG = LoggerFactory.getLogger(RouteFileReloader.class);

    private final DeskRoutes desks;

    RouteFileReloader(String directory, DeskRoutes desks) {
        super(directory, true);
        this.desks = desks;
        // Camel matches the file name only: routes, desks and Kamelets alike.
        setPattern("*.yaml");
    }

    @Override
    protected void onRouteReload(Collection<Resource> resources, boolean removeEverything) {
        // Not while a help-desk call makes its Kamelet's route again: the two take Camel's locks in opposite orders.
        ReentrantLock lock = RouteReloadLock.of(getCamelContext());
        lock.lock();
        try {
            reload(resources, removeEverything);
        } finally {
            lock.unlock();
        }
    }

    private void reload(Collection<Resource> resources, boolean removeEverything) {
        if (resources == null) {
            super.onRouteReload(null, removeEverything);
            return;
        }
        Map<Path, Resource> byFile = new LinkedHashMap<>();
        resources.forEach(resource -> byFile.putIfAbsent(file(resource), resource));
        getCamelContext().getRoutes().stream().map(Route::getSourceResource).filter(Objects::nonNull)
                .forEach(resource -> byFile.putIfAbsent(file(resource), resource));
        Model model = getCamelContext().getCamelContextExtension().getContextPlugin(Model.class);
        desks.templates().stream().map(model::getRouteTemplateDefinition).filter(Objects::nonNull)
                .map(template -> template.getResource()).filter(Objects::nonNull)
                .forEach(resource -> byFile.putIfAbsent(file(resource), resource));
        super.onRouteReload(new ArrayList<>(byFile.values()), removeEverything);
        try {
            // Camel reports only routes it loaded itself; the desks' routes come from templates, so say it here.
            LOG.info("Routes reloaded: {} desk routes made again from the templates",
                    desks.addMissingTo(getCamelContext()));
        } catch (RuntimeException e) {
            // Like Camel's own reload errors: the next save of a fixed file tries again.
            LOG.error("Error reloading routes: the desks' routes cannot be made from the edited templates: {}",
                    e.getMessage());
        }
    }

    /** The same file whether its location is relative, absolute or carries the {@code file:} scheme. */
    private static Path file(Resource resource) {
        String location = resource.getLocation();
        return Path.of(location.startsWith("file:") ? location.substring("file:".length()) : location)
                .toAbsolutePath().normalize();
    }
}
