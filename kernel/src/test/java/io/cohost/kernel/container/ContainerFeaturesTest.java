package io.cohost.kernel.container;

import static org.assertj.core.api.Assertions.assertThat;

import io.cohost.kernel.config.AppDescriptor;
import java.util.Arrays;
import java.util.List;
import org.eclipse.jetty.ee10.webapp.Configuration;
import org.junit.jupiter.api.Test;

/** Tenants share Jetty's stateless configurations; only the app's descriptor is its own. */
class ContainerFeaturesTest {

    @Test
    void twoTenantsShareEveryConfigurationButTheirDescriptors() {
        List<Configuration> shop = Arrays.asList(ContainerFeatures.configurations("shop", AppDescriptor.empty()));
        List<Configuration> blog = Arrays.asList(ContainerFeatures.configurations("blog", AppDescriptor.empty()));

        assertThat(shop).hasSameSizeAs(blog);
        for (int i = 0; i < shop.size(); i++) {
            if (shop.get(i) instanceof DescriptorConfiguration) {
                assertThat(blog.get(i)).isInstanceOf(DescriptorConfiguration.class).isNotSameAs(shop.get(i));
            } else {
                assertThat(blog.get(i)).as(shop.get(i).getClass().getSimpleName()).isSameAs(shop.get(i));
            }
        }
        assertThat(shop).filteredOn(c -> c instanceof DescriptorConfiguration).hasSize(1);
    }
}
