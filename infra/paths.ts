// One definition for the apps and infra alike: apps may not import infra/.
export { projectRoot } from '../libs/config/project-root';
