package org.qalyptus.server.mail;

import org.springframework.data.mongodb.repository.MongoRepository;

interface SmtpSettingsRepository extends MongoRepository<SmtpSettingsDocument, String> {}
