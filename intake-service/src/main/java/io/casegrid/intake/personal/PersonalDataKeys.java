package io.casegrid.intake.personal;

import io.quarkus.runtime.Startup;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Produces;
import jakarta.inject.Singleton;

/** Makes the cipher from the configuration at start, so that a missing or bad key stops it. */
@ApplicationScoped
public class PersonalDataKeys {

  @Produces
  @Singleton
  @Startup
  PersonalDataCipher cipher(PersonalDataConfig config) {
    return config.cipher();
  }
}
